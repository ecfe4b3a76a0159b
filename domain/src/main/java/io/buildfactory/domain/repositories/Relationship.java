package io.buildfactory.domain.repositories;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.InvalidInputException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** {@code source} is a fork of, a mirror of, or depends on {@code target}; written under the source's lease. */
public record Relationship(
        RepositoryId source,
        RelationKind kind,
        RepositoryId target,
        FencingToken writtenUnder,
        UserId createdBy,
        Instant createdAt) {

    public Relationship {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        if (source.equals(target)) {
            throw new InvalidInputException("targetId", "a repository does not relate to itself");
        }
        Objects.requireNonNull(writtenUnder, "writtenUnder");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * Whether {@code source depends-on target} would close a cycle: whether {@code source} is reachable from
     * {@code target} along depends-on edges, {@code dependenciesOf} giving each repository's direct dependencies.
     */
    public static boolean closesCycle(
            RepositoryId source, RepositoryId target, Function<RepositoryId, List<RepositoryId>> dependenciesOf) {
        Set<RepositoryId> seen = new HashSet<>();
        Deque<RepositoryId> next = new ArrayDeque<>();
        next.add(target);
        while (!next.isEmpty()) {
            RepositoryId at = next.poll();
            if (at.equals(source)) {
                return true;
            }
            if (seen.add(at)) {
                next.addAll(dependenciesOf.apply(at));
            }
        }
        return false;
    }
}
