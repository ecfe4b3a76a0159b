package io.buildfactory.application.repositories.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Mirror;
import io.buildfactory.domain.repositories.MirrorDirection;
import io.buildfactory.domain.repositories.MirrorId;
import io.buildfactory.domain.repositories.RemoteUrl;
import io.buildfactory.domain.repositories.RepositoryId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A repository's mirrors: settings written under the repository's lease (the fencing token of the writer's grant),
 * read by anyone who may see the repository, and a sync asked for now by its writers.
 */
public interface KeepMirrorsUseCase {

    Mirror add(Actor actor, RepositoryId repository, FencingToken token, NewMirror mirror);

    record NewMirror(RemoteUrl remote, MirrorDirection direction, Duration interval, boolean prune) {}

    /** Changes the given settings of a mirror at {@code version}; what is empty stays as it is. */
    Mirror change(
            Actor actor, RepositoryId repository, MirrorId mirror, FencingToken token, Settings settings, long version);

    record Settings(Optional<Duration> interval, Optional<Boolean> prune, Optional<Boolean> enabled) {}

    void remove(Actor actor, RepositoryId repository, MirrorId mirror, FencingToken token);

    List<Mirror> mirrors(Actor actor, RepositoryId repository);

    Mirror mirror(Actor actor, RepositoryId repository, MirrorId mirror);

    /** Makes the mirror due now and wakes the sync job: the sync itself runs in the background. */
    Mirror syncNow(Actor actor, RepositoryId repository, MirrorId mirror);
}
