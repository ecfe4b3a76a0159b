package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.RepositoryId;
import java.util.Objects;

/**
 * The repository an execution works on and the grant of its lease the execution holds: every commit the execution
 * reports presents this token, and is refused once the grant is no longer the repository's current one.
 */
public record WriteLease(RepositoryId repository, FencingToken token) {

    public WriteLease {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(token, "token");
    }
}
