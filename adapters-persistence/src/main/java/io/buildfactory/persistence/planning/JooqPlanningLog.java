package io.buildfactory.persistence.planning;

import static io.buildfactory.persistence.jooq.Tables.PLANNING_ACTIONS;
import static io.buildfactory.persistence.jooq.Tables.PROJECTS;

import io.buildfactory.application.planning.port.out.PlanningLog;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.planning.PlanningAction;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.PlanningActionsRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;

/**
 * The planning log in {@code planning_actions}, and the sequence on the project's row: locked with
 * {@code FOR NO KEY UPDATE} on PostgreSQL (which still lets foreign-key checks of work items filed meanwhile pass) (SQLite's transactions are serialised already), so that every server
 * appends to a project's log one action at a time.
 */
public final class JooqPlanningLog implements PlanningLog {

    private final Database db;

    public JooqPlanningLog(Database db) {
        this.db = db;
    }

    @Override
    public long lockSequence(ProjectId project) {
        return db.dialect()
                .lockingRowsAgainstWriters(db.dsl()
                        .select(PROJECTS.ACTION_SEQUENCE)
                        .from(PROJECTS)
                        .where(PROJECTS.ID.eq(project.toString())))
                .fetchOptional(r -> r.value1())
                .orElseThrow(() -> new NotFoundException("project", project));
    }

    @Override
    public void append(PlanningAction action) {
        try {
            db.dsl()
                    .executeInsert(new PlanningActionsRecord(
                            action.project().toString(),
                            action.sequence(),
                            action.command().type(),
                            action.actor().toString(),
                            action.idempotencyKey().orElse(null),
                            JSONB.valueOf(PlanningJson.write(action.command())),
                            JSONB.valueOf(PlanningJson.write(action.result())),
                            action.at()));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "idempotency_key")) {
                throw ConflictException.duplicate("planning action", "Idempotency-Key");
            }
            throw e;
        }
        int moved = db.dsl()
                .update(PROJECTS)
                .set(PROJECTS.ACTION_SEQUENCE, action.sequence())
                .where(PROJECTS.ID.eq(action.project().toString()))
                .and(PROJECTS.ACTION_SEQUENCE.eq(action.sequence() - 1))
                .execute();
        if (moved != 1) {
            throw new IllegalStateException("project " + action.project() + " is not at action "
                    + (action.sequence() - 1) + ": append only under lockSequence, with the next number");
        }
    }

    @Override
    public Optional<PlanningAction> find(ProjectId project, String idempotencyKey) {
        return db.dsl()
                .selectFrom(PLANNING_ACTIONS)
                .where(PLANNING_ACTIONS.PROJECT_ID.eq(project.toString()))
                .and(PLANNING_ACTIONS.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional(JooqPlanningLog::toDomain);
    }

    @Override
    public List<PlanningAction> withKey(String idempotencyKey) {
        return db.dsl()
                .selectFrom(PLANNING_ACTIONS)
                .where(PLANNING_ACTIONS.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .orderBy(PLANNING_ACTIONS.PROJECT_ID)
                .fetch(JooqPlanningLog::toDomain);
    }

    @Override
    public List<PlanningAction> after(ProjectId project, long sequence, int limit) {
        return db.dsl()
                .selectFrom(PLANNING_ACTIONS)
                .where(PLANNING_ACTIONS.PROJECT_ID.eq(project.toString()))
                .and(PLANNING_ACTIONS.SEQUENCE.gt(sequence))
                .orderBy(PLANNING_ACTIONS.SEQUENCE)
                .limit(limit)
                .fetch(JooqPlanningLog::toDomain);
    }

    private static PlanningAction toDomain(PlanningActionsRecord r) {
        return new PlanningAction(
                ProjectId.parse(r.getProjectId()),
                r.getSequence(),
                UserId.parse(r.getActorId()),
                Optional.ofNullable(r.getIdempotencyKey()),
                PlanningJson.command(r.getPayload().data()),
                PlanningJson.result(r.getResult().data()),
                r.getCreatedAt());
    }
}
