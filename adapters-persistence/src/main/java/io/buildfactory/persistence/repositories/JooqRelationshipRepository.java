package io.buildfactory.persistence.repositories;

import static io.buildfactory.persistence.jooq.Tables.REPOSITORY_RELATIONSHIPS;

import io.buildfactory.application.repositories.port.out.RelationshipRepository;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.RelationKind;
import io.buildfactory.domain.repositories.Relationship;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.RepositoryRelationshipsRecord;
import java.util.List;
import org.jooq.exception.DataAccessException;

/** Relationships in {@code repository_relationships}, keyed by source, kind and target; found from either end. */
public final class JooqRelationshipRepository implements RelationshipRepository {

    /** The advisory lock that serialises depends-on changes on PostgreSQL. */
    static final long DEPENDENCIES_LOCK = 0x5245504f44455053L; // "REPODEPS"

    private final Database db;

    public JooqRelationshipRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Relationship r) {
        try {
            db.dsl()
                    .executeInsert(new RepositoryRelationshipsRecord(
                            r.source().toString(),
                            r.kind().code(),
                            r.target().toString(),
                            r.writtenUnder().value(),
                            r.createdBy().toString(),
                            r.createdAt()));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "repository_relationships")) {
                throw ConflictException.duplicate("relationship", "targetId");
            }
            if (Constraints.isForeignKeyViolation(e)) {
                throw new InvalidInputException("targetId", "names no repository: it was removed");
            }
            throw e;
        }
    }

    @Override
    public boolean delete(RepositoryId source, RelationKind kind, RepositoryId target) {
        return db.dsl()
                        .deleteFrom(REPOSITORY_RELATIONSHIPS)
                        .where(REPOSITORY_RELATIONSHIPS.SOURCE_ID.eq(source.toString()))
                        .and(REPOSITORY_RELATIONSHIPS.KIND.eq(kind.code()))
                        .and(REPOSITORY_RELATIONSHIPS.TARGET_ID.eq(target.toString()))
                        .execute()
                > 0;
    }

    @Override
    public List<Relationship> of(RepositoryId repository) {
        return db
                .dsl()
                .selectFrom(REPOSITORY_RELATIONSHIPS)
                .where(REPOSITORY_RELATIONSHIPS.SOURCE_ID.eq(repository.toString()))
                .unionAll(db.dsl()
                        .selectFrom(REPOSITORY_RELATIONSHIPS)
                        .where(REPOSITORY_RELATIONSHIPS.TARGET_ID.eq(repository.toString())))
                .fetch(JooqRelationshipRepository::toDomain)
                .stream()
                .sorted(java.util.Comparator.comparing(
                                (Relationship r) -> r.source().toString())
                        .thenComparing(r -> r.kind().code())
                        .thenComparing(r -> r.target().toString()))
                .toList();
    }

    @Override
    public List<RepositoryId> dependenciesOf(RepositoryId repository) {
        return db.dsl()
                .select(REPOSITORY_RELATIONSHIPS.TARGET_ID)
                .from(REPOSITORY_RELATIONSHIPS)
                .where(REPOSITORY_RELATIONSHIPS.SOURCE_ID.eq(repository.toString()))
                .and(REPOSITORY_RELATIONSHIPS.KIND.eq(RelationKind.DEPENDS_ON.code()))
                .fetch(r -> RepositoryId.parse(r.value1()));
    }

    @Override
    public void lockDependencies() {
        db.dialect().lockUntilCommit(DEPENDENCIES_LOCK);
    }

    private static Relationship toDomain(RepositoryRelationshipsRecord r) {
        return new Relationship(
                RepositoryId.parse(r.getSourceId()),
                RelationKind.parse(r.getKind()),
                RepositoryId.parse(r.getTargetId()),
                new FencingToken(r.getFencingToken()),
                UserId.parse(r.getCreatedBy()),
                r.getCreatedAt());
    }
}
