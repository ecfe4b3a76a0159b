package io.buildfactory.application.repositories.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.RelationKind;
import io.buildfactory.domain.repositories.Relationship;
import io.buildfactory.domain.repositories.RepositoryId;
import java.util.List;

/**
 * Relationships between repositories, written under the source's lease; the caller must also be able to read the
 * target. A depends-on that would close a cycle is refused.
 */
public interface RelateRepositoriesUseCase {

    Relationship relate(Actor actor, RepositoryId source, FencingToken token, RelationKind kind, RepositoryId target);

    void unrelate(Actor actor, RepositoryId source, FencingToken token, RelationKind kind, RepositoryId target);

    /** The repository's relationships to others and others' to it (those the caller may see). */
    List<Relationship> relationships(Actor actor, RepositoryId repository);
}
