package io.buildfactory.application.repositories.port.out;

import io.buildfactory.domain.repositories.RelationKind;
import io.buildfactory.domain.repositories.Relationship;
import io.buildfactory.domain.repositories.RepositoryId;
import java.util.List;

/** How repositories relate: once per source, kind and target. */
public interface RelationshipRepository {

    /** A relationship that exists is a duplicate conflict on {@code targetId}. */
    void insert(Relationship relationship);

    boolean delete(RepositoryId source, RelationKind kind, RepositoryId target);

    /** The repository's relationships to others, and others' to it. */
    List<Relationship> of(RepositoryId repository);

    /** What the repository depends on directly. */
    List<RepositoryId> dependenciesOf(RepositoryId repository);

    /**
     * Serialises changes to depends-on edges until the transaction ends (a lock on PostgreSQL; SQLite's write lock
     * already does), so two concurrent additions cannot close a cycle the check of each would miss.
     */
    void lockDependencies();
}
