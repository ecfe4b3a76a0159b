package io.buildfactory.domain.planning;

import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A step of a workflow that cards attach to, with the colour the board shows it in, ordered by its rank. */
public record Activity(
        ActivityId id,
        WorkflowId workflow,
        ProjectId project,
        String name,
        String color,
        Rank rank,
        Instant createdAt,
        Instant updatedAt,
        long version)
        implements Planned {

    public static final int NAME_MAX = 200;
    public static final String DEFAULT_COLOR = "#6b7280";
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-f]{6}$");

    public Activity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(project, "project");
        name = Text.required("name", name, NAME_MAX);
        color = color(color);
        Objects.requireNonNull(rank, "rank");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A colour as {@code #rrggbb}; upper-case hex digits are taken and stored in lower case. */
    static String color(String color) {
        String c = color == null ? "" : color.strip().toLowerCase(Locale.ROOT);
        if (!COLOR.matcher(c).matches()) {
            throw new InvalidInputException("color", "must be a colour like #1f6feb");
        }
        return c;
    }

    public static Activity create(
            ActivityId id, Workflow workflow, String name, java.util.Optional<String> color, Rank rank, Instant now) {
        return new Activity(
                id, workflow.id(), workflow.project(), name, color.orElse(DEFAULT_COLOR), rank, now, now, 1);
    }

    public Activity edit(String name, String color, Instant now) {
        return new Activity(id, workflow, project, name, color, rank, createdAt, now, version);
    }

    public Activity movedTo(Rank rank, Instant now) {
        return new Activity(id, workflow, project, name, color, rank, createdAt, now, version);
    }

    public Activity nextVersion() {
        return new Activity(id, workflow, project, name, color, rank, createdAt, updatedAt, version + 1);
    }

    @Override
    public String reference() {
        return id.toString();
    }
}
