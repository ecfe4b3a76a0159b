package io.buildfactory.persistence.orchestration;

import static io.buildfactory.persistence.jooq.Tables.CARD_ASSIGNMENTS;
import static io.buildfactory.persistence.jooq.Tables.ORCHESTRATION_RUNS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.buildfactory.application.orchestration.port.out.RunRepository;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.AssignmentStatus;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PathPattern;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.orchestration.RunInputs;
import io.buildfactory.domain.orchestration.RunScope;
import io.buildfactory.domain.orchestration.RunStatus;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.DomainJson;
import io.buildfactory.persistence.InBatches;
import io.buildfactory.persistence.jooq.tables.records.CardAssignmentsRecord;
import io.buildfactory.persistence.jooq.tables.records.OrchestrationRunsRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.JSONB;
import org.jooq.SelectLimitStep;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Runs in {@code orchestration_runs} (their frozen inputs as JSON of the domain records) and assignments in
 * {@code card_assignments}; agents claim from the partial index on queued assignments.
 */
public final class JooqRunRepository implements RunRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Database db;

    public JooqRunRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(OrchestrationRun run) {
        try {
            db.dsl().executeInsert(toRecord(run));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "handoff_key")) {
                throw ConflictException.duplicate("run", "handoff");
            }
            throw e;
        }
    }

    @Override
    public Optional<OrchestrationRun> findByHandoff(String handoff) {
        return db.dsl()
                .selectFrom(ORCHESTRATION_RUNS)
                .where(ORCHESTRATION_RUNS.HANDOFF_KEY.eq(handoff))
                .fetchOptional(JooqRunRepository::toDomain);
    }

    @Override
    public void update(OrchestrationRun run) {
        int rows = db.dsl()
                .update(ORCHESTRATION_RUNS)
                .set(ORCHESTRATION_RUNS.STATUS, run.status().code())
                .set(ORCHESTRATION_RUNS.STARTED_AT, run.startedAt().orElse(null))
                .set(ORCHESTRATION_RUNS.FINISHED_AT, run.finishedAt().orElse(null))
                .set(ORCHESTRATION_RUNS.VERSION, run.version())
                .where(ORCHESTRATION_RUNS.ID.eq(run.id().toString()))
                .and(ORCHESTRATION_RUNS.VERSION.eq(run.version() - 1))
                .execute();
        if (rows == 0) {
            throw ConflictException.staleVersion("run", run.id(), run.version() - 1);
        }
    }

    @Override
    public Optional<OrchestrationRun> find(RunId run) {
        return db.dsl()
                .selectFrom(ORCHESTRATION_RUNS)
                .where(ORCHESTRATION_RUNS.ID.eq(run.toString()))
                .fetchOptional(JooqRunRepository::toDomain);
    }

    @Override
    public Optional<OrchestrationRun> lock(RunId run) {
        return db.dialect()
                .lockingRows(db.dsl().selectFrom(ORCHESTRATION_RUNS).where(ORCHESTRATION_RUNS.ID.eq(run.toString())))
                .fetchOptional(JooqRunRepository::toDomain);
    }

    @Override
    public List<CardAssignment> lockAssignmentsOf(RunId run) {
        return db.dialect()
                .lockingRows(db.dsl()
                        .selectFrom(CARD_ASSIGNMENTS)
                        .where(CARD_ASSIGNMENTS.RUN_ID.eq(run.toString()))
                        .orderBy(CARD_ASSIGNMENTS.ID))
                .fetch(JooqRunRepository::toDomain);
    }

    @Override
    public Page<OrchestrationRun> list(ProjectId project, PageRequest page) {
        var query = db.dsl().selectFrom(ORCHESTRATION_RUNS).where(ORCHESTRATION_RUNS.PROJECT_ID.eq(project.toString()));
        page.after().ifPresent(id -> query.and(ORCHESTRATION_RUNS.ID.lt(id)));
        return Page.of(
                query.orderBy(ORCHESTRATION_RUNS.ID.desc())
                        .limit(page.limit() + 1)
                        .fetch(JooqRunRepository::toDomain),
                page.limit(),
                r -> r.id().toString());
    }

    @Override
    public void insert(CardAssignment assignment) {
        db.dsl().executeInsert(toRecord(assignment));
    }

    @Override
    public void update(CardAssignment assignment) {
        int rows = db.dsl()
                .update(CARD_ASSIGNMENTS)
                .set(CARD_ASSIGNMENTS.STATUS, assignment.status().code())
                .set(CARD_ASSIGNMENTS.UPDATED_AT, assignment.updatedAt())
                .set(CARD_ASSIGNMENTS.VERSION, assignment.version())
                .where(CARD_ASSIGNMENTS.ID.eq(assignment.id().toString()))
                .and(CARD_ASSIGNMENTS.VERSION.eq(assignment.version() - 1))
                .execute();
        if (rows == 0) {
            throw ConflictException.staleVersion("assignment", assignment.id(), assignment.version() - 1);
        }
    }

    @Override
    public Optional<CardAssignment> find(AssignmentId assignment) {
        return db.dsl()
                .selectFrom(CARD_ASSIGNMENTS)
                .where(CARD_ASSIGNMENTS.ID.eq(assignment.toString()))
                .fetchOptional(JooqRunRepository::toDomain);
    }

    @Override
    public List<CardAssignment> assignmentsOf(Collection<RunId> runs) {
        return InBatches.read(
                runs,
                keys -> db.dsl()
                        .selectFrom(CARD_ASSIGNMENTS)
                        .where(CARD_ASSIGNMENTS.RUN_ID.in(keys))
                        .orderBy(CARD_ASSIGNMENTS.ID)
                        .fetch(JooqRunRepository::toDomain));
    }

    @Override
    public Optional<CardAssignment> lockNextQueued(ProjectId project) {
        return db.dialect()
                .lockingRowsSkipLocked(db.dsl()
                        .selectFrom(CARD_ASSIGNMENTS)
                        .where(CARD_ASSIGNMENTS.STATUS.eq(AssignmentStatus.QUEUED.code()))
                        .and(CARD_ASSIGNMENTS.RUN_ID.in(DSL.select(ORCHESTRATION_RUNS.ID)
                                .from(ORCHESTRATION_RUNS)
                                .where(ORCHESTRATION_RUNS.PROJECT_ID.eq(project.toString()))))
                        .orderBy(CARD_ASSIGNMENTS.CREATED_AT, CARD_ASSIGNMENTS.ID)
                        .limit(1))
                .fetchOptional(JooqRunRepository::toDomain);
    }

    @Override
    public Optional<OrchestrationRun> latestOf(CardId card) {
        return newestFirst(card).limit(1).fetchOptional(JooqRunRepository::toDomain);
    }

    @Override
    public List<OrchestrationRun> runsOf(CardId card) {
        return newestFirst(card).fetch(JooqRunRepository::toDomain);
    }

    /** The runs that built the card, by its assignments (card runs and workflow runs alike), newest first. */
    private SelectLimitStep<OrchestrationRunsRecord> newestFirst(CardId card) {
        return db.dsl()
                .selectFrom(ORCHESTRATION_RUNS)
                .where(ORCHESTRATION_RUNS.ID.in(DSL.select(CARD_ASSIGNMENTS.RUN_ID)
                        .from(CARD_ASSIGNMENTS)
                        .where(CARD_ASSIGNMENTS.CARD_ID.eq(card.toString()))))
                .orderBy(ORCHESTRATION_RUNS.ID.desc());
    }

    private static OrchestrationRunsRecord toRecord(OrchestrationRun r) {
        return new OrchestrationRunsRecord(
                r.id().toString(),
                r.project().toString(),
                r.scope().code(),
                r.scope() instanceof RunScope.OfWorkflow w ? w.workflow().toString() : null,
                r.scope() instanceof RunScope.OfCard c ? c.card().toString() : null,
                r.status().code(),
                r.startedBy().toString(),
                JSONB.valueOf(write(r.inputs())),
                r.inputs().profile().version(),
                r.createdAt(),
                r.startedAt().orElse(null),
                r.finishedAt().orElse(null),
                r.version(),
                r.handoff().orElse(null));
    }

    private static OrchestrationRun toDomain(OrchestrationRunsRecord r) {
        RunScope scope = r.getScope().equals("workflow")
                ? new RunScope.OfWorkflow(WorkflowId.parse(r.getWorkflowId()))
                : new RunScope.OfCard(CardId.parse(r.getCardId()));
        return new OrchestrationRun(
                RunId.parse(r.getId()),
                ProjectId.parse(r.getProjectId()),
                scope,
                RunStatus.parse(r.getStatus()),
                UserId.parse(r.getStartedBy()),
                read(r.getInputSnapshot().data()),
                Optional.ofNullable(r.getHandoffKey()),
                r.getCreatedAt(),
                Optional.ofNullable(r.getStartedAt()),
                Optional.ofNullable(r.getFinishedAt()),
                r.getVersion());
    }

    private static CardAssignmentsRecord toRecord(CardAssignment a) {
        return new CardAssignmentsRecord(
                a.id().toString(),
                a.run().toString(),
                a.card().toString(),
                a.featureBranch(),
                JSONB.valueOf(
                        write(a.allowedPaths().stream().map(PathPattern::glob).toList())),
                a.status().code(),
                a.createdAt(),
                a.updatedAt(),
                a.version());
    }

    private static CardAssignment toDomain(CardAssignmentsRecord r) {
        try {
            return new CardAssignment(
                    AssignmentId.parse(r.getId()),
                    RunId.parse(r.getRunId()),
                    CardId.parse(r.getCardId()),
                    r.getFeatureBranch(),
                    DomainJson.MAPPER.readValue(r.getAllowedPaths().data(), STRINGS).stream()
                            .map(PathPattern::new)
                            .toList(),
                    AssignmentStatus.parse(r.getStatus()),
                    r.getCreatedAt(),
                    r.getUpdatedAt(),
                    r.getVersion());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored allowed paths do not read back", e);
        }
    }

    static String write(Object value) {
        try {
            return DomainJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's inputs always serialise", e);
        }
    }

    private static RunInputs read(String json) {
        try {
            return DomainJson.MAPPER.readValue(json, RunInputs.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's stored inputs do not read back: " + e.getOriginalMessage(), e);
        }
    }
}
