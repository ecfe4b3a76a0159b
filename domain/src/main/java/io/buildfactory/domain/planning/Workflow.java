package io.buildfactory.domain.planning;

import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.Objects;

/** A project's workflow: a named sequence of activities, ordered among the project's workflows by its rank. */
public record Workflow(
        WorkflowId id,
        ProjectId project,
        String name,
        String description,
        Rank rank,
        Instant createdAt,
        Instant updatedAt,
        long version)
        implements Planned {

    public static final int NAME_MAX = 200;
    public static final int DESCRIPTION_MAX = 10_000;

    public Workflow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        name = Text.required("name", name, NAME_MAX);
        description = Text.free("description", description, DESCRIPTION_MAX);
        Objects.requireNonNull(rank, "rank");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Workflow create(
            WorkflowId id, ProjectId project, String name, String description, Rank rank, Instant now) {
        return new Workflow(id, project, name, description, rank, now, now, 1);
    }

    public Workflow edit(String name, String description, Instant now) {
        return new Workflow(id, project, name, description, rank, createdAt, now, version);
    }

    public Workflow movedTo(Rank rank, Instant now) {
        return new Workflow(id, project, name, description, rank, createdAt, now, version);
    }

    public Workflow nextVersion() {
        return new Workflow(id, project, name, description, rank, createdAt, updatedAt, version + 1);
    }

    @Override
    public String reference() {
        return id.toString();
    }
}
