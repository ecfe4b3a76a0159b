package io.buildfactory.persistence.planning;

import static io.buildfactory.persistence.jooq.Tables.CARD_CONTEXT_ARTIFACTS;
import static io.buildfactory.persistence.jooq.Tables.CONTEXT_ARTIFACTS;

import io.buildfactory.application.planning.port.out.ContextArtifactRepository;
import io.buildfactory.domain.planning.ArtifactId;
import io.buildfactory.domain.planning.ArtifactLink;
import io.buildfactory.domain.planning.ArtifactType;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.ContextArtifact;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.CardContextArtifactsRecord;
import io.buildfactory.persistence.jooq.tables.records.ContextArtifactsRecord;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/** Context artifacts in {@code context_artifacts}, linked to cards through {@code card_context_artifacts}. */
public final class JooqContextArtifactRepository implements ContextArtifactRepository {

    private final Database db;

    public JooqContextArtifactRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(ContextArtifact artifact) {
        db.dsl().executeInsert(toRecord(artifact));
    }

    @Override
    public ContextArtifact update(ContextArtifact artifact) {
        ContextArtifact next = artifact.nextVersion();
        ContextArtifactsRecord record = toRecord(next);
        record.changed(CONTEXT_ARTIFACTS.ID, false);
        record.changed(CONTEXT_ARTIFACTS.PROJECT_ID, false);
        record.changed(CONTEXT_ARTIFACTS.CREATED_AT, false);
        int rows = db.dsl()
                .update(CONTEXT_ARTIFACTS)
                .set(record)
                .where(CONTEXT_ARTIFACTS.ID.eq(artifact.id().toString()))
                .and(CONTEXT_ARTIFACTS.VERSION.eq(artifact.version()))
                .execute();
        if (rows == 0) {
            throw ConflictException.staleVersion("artifact", artifact.id(), artifact.version());
        }
        return next;
    }

    @Override
    public void delete(ArtifactId artifact) {
        db.dsl()
                .deleteFrom(CONTEXT_ARTIFACTS)
                .where(CONTEXT_ARTIFACTS.ID.eq(artifact.toString()))
                .execute();
    }

    @Override
    public Optional<ContextArtifact> find(ArtifactId artifact) {
        return db.dsl()
                .selectFrom(CONTEXT_ARTIFACTS)
                .where(CONTEXT_ARTIFACTS.ID.eq(artifact.toString()))
                .fetchOptional(JooqContextArtifactRepository::toDomain);
    }

    @Override
    public Page<ContextArtifact> list(ProjectId project, PageRequest page) {
        var query = db.dsl().selectFrom(CONTEXT_ARTIFACTS).where(CONTEXT_ARTIFACTS.PROJECT_ID.eq(project.toString()));
        page.after().ifPresent(id -> query.and(CONTEXT_ARTIFACTS.ID.gt(id)));
        return Page.of(
                query.orderBy(CONTEXT_ARTIFACTS.ID)
                        .limit(page.limit() + 1)
                        .fetch(JooqContextArtifactRepository::toDomain),
                page.limit(),
                a -> a.id().toString());
    }

    @Override
    public void link(ArtifactLink link) {
        try {
            db.dsl()
                    .executeInsert(new CardContextArtifactsRecord(
                            link.card().toString(), link.artifact().toString(), link.since()));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "card_context_artifacts")) {
                throw ConflictException.duplicate("link of this card to this artifact", "artifactId");
            }
            throw e;
        }
    }

    @Override
    public boolean unlink(CardId card, ArtifactId artifact) {
        return db.dsl()
                        .deleteFrom(CARD_CONTEXT_ARTIFACTS)
                        .where(CARD_CONTEXT_ARTIFACTS.CARD_ID.eq(card.toString()))
                        .and(CARD_CONTEXT_ARTIFACTS.ARTIFACT_ID.eq(artifact.toString()))
                        .execute()
                > 0;
    }

    private static ContextArtifactsRecord toRecord(ContextArtifact a) {
        return new ContextArtifactsRecord(
                a.id().toString(),
                a.project().toString(),
                a.type().code(),
                a.title(),
                a.content().orElse(null),
                a.uri().orElse(null),
                a.integrationRef().orElse(null),
                a.createdAt(),
                a.updatedAt(),
                a.version());
    }

    static ContextArtifact toDomain(ContextArtifactsRecord r) {
        return new ContextArtifact(
                ArtifactId.parse(r.getId()),
                ProjectId.parse(r.getProjectId()),
                ArtifactType.parse(r.getType()),
                r.getTitle(),
                Optional.ofNullable(r.getContent()),
                Optional.ofNullable(r.getUri()),
                Optional.ofNullable(r.getIntegrationRef()),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }
}
