package io.buildfactory.persistence.repositories;

import static io.buildfactory.persistence.jooq.Tables.OBJECT_METADATA;

import io.buildfactory.application.repositories.port.out.ObjectCatalogue;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.ObjectId;
import io.buildfactory.domain.repositories.ObjectMetadata;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.ObjectMetadataRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/** Object metadata in {@code object_metadata}, keyed by repository and oid, and found by oid alone too. */
public final class JooqObjectCatalogue implements ObjectCatalogue {

    private final Database db;

    public JooqObjectCatalogue(Database db) {
        this.db = db;
    }

    @Override
    public void insert(ObjectMetadata o) {
        try {
            db.dsl()
                    .executeInsert(new ObjectMetadataRecord(
                            o.repository().toString(),
                            o.oid().toString(),
                            o.size(),
                            o.contentType(),
                            o.storageKey(),
                            o.writtenUnder().value(),
                            o.createdBy().toString(),
                            o.createdAt()));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "object_metadata")) {
                throw ConflictException.duplicate("object", "oid");
            }
            throw e;
        }
    }

    @Override
    public Optional<ObjectMetadata> find(RepositoryId repository, ObjectId oid) {
        return db.dsl()
                .selectFrom(OBJECT_METADATA)
                .where(OBJECT_METADATA.REPOSITORY_ID.eq(repository.toString()))
                .and(OBJECT_METADATA.OID.eq(oid.toString()))
                .fetchOptional(JooqObjectCatalogue::toDomain);
    }

    @Override
    public Page<ObjectMetadata> list(RepositoryId repository, PageRequest page) {
        var query = db.dsl().selectFrom(OBJECT_METADATA).where(OBJECT_METADATA.REPOSITORY_ID.eq(repository.toString()));
        page.after().ifPresent(oid -> query.and(OBJECT_METADATA.OID.gt(oid)));
        return Page.of(
                query.orderBy(OBJECT_METADATA.OID).limit(page.limit() + 1).fetch(JooqObjectCatalogue::toDomain),
                page.limit(),
                o -> o.oid().toString());
    }

    @Override
    public List<ObjectMetadata> withOid(ObjectId oid) {
        return db.dsl()
                .selectFrom(OBJECT_METADATA)
                .where(OBJECT_METADATA.OID.eq(oid.toString()))
                .orderBy(OBJECT_METADATA.REPOSITORY_ID)
                .fetch(JooqObjectCatalogue::toDomain);
    }

    private static ObjectMetadata toDomain(ObjectMetadataRecord r) {
        return new ObjectMetadata(
                RepositoryId.parse(r.getRepositoryId()),
                new ObjectId(r.getOid()),
                r.getSizeBytes(),
                r.getContentType(),
                r.getStorageKey(),
                new FencingToken(r.getFencingToken()),
                UserId.parse(r.getCreatedBy()),
                r.getCreatedAt());
    }
}
