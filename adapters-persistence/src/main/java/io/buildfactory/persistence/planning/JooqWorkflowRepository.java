package io.buildfactory.persistence.planning;

import static io.buildfactory.persistence.jooq.Tables.WORKFLOWS;
import static io.buildfactory.persistence.jooq.Tables.WORKFLOW_ACTIVITIES;

import io.buildfactory.application.planning.port.out.RankedSiblings;
import io.buildfactory.application.planning.port.out.WorkflowRepository;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ActivityId;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.WorkflowActivitiesRecord;
import io.buildfactory.persistence.jooq.tables.records.WorkflowsRecord;
import java.util.List;
import java.util.Optional;

/** Workflows and their activities in {@code workflows} and {@code workflow_activities}, by rank. */
public final class JooqWorkflowRepository implements WorkflowRepository {

    private final Database db;
    private final RankedSiblings<ProjectId> workflowRanks;
    private final RankedSiblings<WorkflowId> activityRanks;

    public JooqWorkflowRepository(Database db) {
        this.db = db;
        this.workflowRanks =
                new JooqRankedSiblings<>(db, WORKFLOWS, WORKFLOWS.ID, WORKFLOWS.PROJECT_ID, WORKFLOWS.RANK);
        this.activityRanks = new JooqRankedSiblings<>(
                db,
                WORKFLOW_ACTIVITIES,
                WORKFLOW_ACTIVITIES.ID,
                WORKFLOW_ACTIVITIES.WORKFLOW_ID,
                WORKFLOW_ACTIVITIES.RANK);
    }

    @Override
    public void insert(Workflow workflow) {
        db.dsl().executeInsert(toRecord(workflow));
    }

    @Override
    public Workflow update(Workflow workflow) {
        Workflow next = workflow.nextVersion();
        int rows = db.dsl()
                .update(WORKFLOWS)
                .set(WORKFLOWS.NAME, next.name())
                .set(WORKFLOWS.DESCRIPTION, next.description())
                .set(WORKFLOWS.UPDATED_AT, next.updatedAt())
                .set(WORKFLOWS.VERSION, next.version())
                .where(WORKFLOWS.ID.eq(workflow.id().toString()))
                .and(WORKFLOWS.VERSION.eq(workflow.version()))
                .execute();
        if (rows == 0) {
            throw ConflictException.staleVersion("workflow", workflow.id(), workflow.version());
        }
        return next;
    }

    @Override
    public void move(Workflow workflow) {
        db.dsl()
                .update(WORKFLOWS)
                .set(WORKFLOWS.RANK, workflow.rank().value())
                .set(WORKFLOWS.UPDATED_AT, workflow.updatedAt())
                .where(WORKFLOWS.ID.eq(workflow.id().toString()))
                .execute();
    }

    @Override
    public void delete(WorkflowId workflow) {
        PlanDeletes.refusedWhileBuilt(
                "workflow",
                () -> db.dsl()
                        .deleteFrom(WORKFLOWS)
                        .where(WORKFLOWS.ID.eq(workflow.toString()))
                        .execute());
    }

    @Override
    public Optional<Workflow> find(WorkflowId workflow) {
        return db.dsl()
                .selectFrom(WORKFLOWS)
                .where(WORKFLOWS.ID.eq(workflow.toString()))
                .fetchOptional(JooqWorkflowRepository::toDomain);
    }

    @Override
    public Page<Workflow> list(ProjectId project, PageRequest page) {
        var query = db.dsl().selectFrom(WORKFLOWS).where(WORKFLOWS.PROJECT_ID.eq(project.toString()));
        page.after().ifPresent(rank -> query.and(WORKFLOWS.RANK.gt(rank)));
        return Page.of(
                query.orderBy(WORKFLOWS.RANK).limit(page.limit() + 1).fetch(JooqWorkflowRepository::toDomain),
                page.limit(),
                w -> w.rank().value());
    }

    @Override
    public RankedSiblings<ProjectId> workflowRanks() {
        return workflowRanks;
    }

    @Override
    public void insert(Activity activity) {
        db.dsl().executeInsert(toRecord(activity));
    }

    @Override
    public Activity update(Activity activity) {
        Activity next = activity.nextVersion();
        int rows = db.dsl()
                .update(WORKFLOW_ACTIVITIES)
                .set(WORKFLOW_ACTIVITIES.NAME, next.name())
                .set(WORKFLOW_ACTIVITIES.COLOR, next.color())
                .set(WORKFLOW_ACTIVITIES.UPDATED_AT, next.updatedAt())
                .set(WORKFLOW_ACTIVITIES.VERSION, next.version())
                .where(WORKFLOW_ACTIVITIES.ID.eq(activity.id().toString()))
                .and(WORKFLOW_ACTIVITIES.VERSION.eq(activity.version()))
                .execute();
        if (rows == 0) {
            throw ConflictException.staleVersion("activity", activity.id(), activity.version());
        }
        return next;
    }

    @Override
    public void move(Activity activity) {
        db.dsl()
                .update(WORKFLOW_ACTIVITIES)
                .set(WORKFLOW_ACTIVITIES.RANK, activity.rank().value())
                .set(WORKFLOW_ACTIVITIES.UPDATED_AT, activity.updatedAt())
                .where(WORKFLOW_ACTIVITIES.ID.eq(activity.id().toString()))
                .execute();
    }

    @Override
    public void delete(ActivityId activity) {
        PlanDeletes.refusedWhileBuilt(
                "activity",
                () -> db.dsl()
                        .deleteFrom(WORKFLOW_ACTIVITIES)
                        .where(WORKFLOW_ACTIVITIES.ID.eq(activity.toString()))
                        .execute());
    }

    @Override
    public Optional<Activity> find(ActivityId activity) {
        return db.dsl()
                .selectFrom(WORKFLOW_ACTIVITIES)
                .where(WORKFLOW_ACTIVITIES.ID.eq(activity.toString()))
                .fetchOptional(JooqWorkflowRepository::toDomain);
    }

    @Override
    public List<Activity> activities(WorkflowId workflow) {
        return db.dsl()
                .selectFrom(WORKFLOW_ACTIVITIES)
                .where(WORKFLOW_ACTIVITIES.WORKFLOW_ID.eq(workflow.toString()))
                .orderBy(WORKFLOW_ACTIVITIES.RANK)
                .fetch(JooqWorkflowRepository::toDomain);
    }

    @Override
    public RankedSiblings<WorkflowId> activityRanks() {
        return activityRanks;
    }

    private static WorkflowsRecord toRecord(Workflow w) {
        return new WorkflowsRecord(
                w.id().toString(),
                w.project().toString(),
                w.name(),
                w.description(),
                w.rank().value(),
                w.createdAt(),
                w.updatedAt(),
                w.version());
    }

    private static Workflow toDomain(WorkflowsRecord r) {
        return new Workflow(
                WorkflowId.parse(r.getId()),
                ProjectId.parse(r.getProjectId()),
                r.getName(),
                r.getDescription(),
                new Rank(r.getRank()),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }

    private static WorkflowActivitiesRecord toRecord(Activity a) {
        return new WorkflowActivitiesRecord(
                a.id().toString(),
                a.workflow().toString(),
                a.project().toString(),
                a.name(),
                a.color(),
                a.rank().value(),
                a.createdAt(),
                a.updatedAt(),
                a.version());
    }

    private static Activity toDomain(WorkflowActivitiesRecord r) {
        return new Activity(
                ActivityId.parse(r.getId()),
                WorkflowId.parse(r.getWorkflowId()),
                ProjectId.parse(r.getProjectId()),
                r.getName(),
                r.getColor(),
                new Rank(r.getRank()),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }
}
