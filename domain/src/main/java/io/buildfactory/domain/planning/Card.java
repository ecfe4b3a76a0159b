package io.buildfactory.domain.planning;

import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.Objects;

/** A unit of planned work under an activity: what to build, how urgent, how far built, ordered by its rank. */
public record Card(
        CardId id,
        ActivityId activity,
        ProjectId project,
        String title,
        String description,
        CardStatus status,
        CardPriority priority,
        BuildState buildState,
        Rank rank,
        Instant createdAt,
        Instant updatedAt,
        long version)
        implements Planned {

    public static final int TITLE_MAX = 300;
    public static final int DESCRIPTION_MAX = 20_000;

    public Card {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(project, "project");
        title = Text.required("title", title, TITLE_MAX);
        description = Text.free("description", description, DESCRIPTION_MAX);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(buildState, "buildState");
        Objects.requireNonNull(rank, "rank");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Card create(
            CardId id,
            Activity activity,
            String title,
            String description,
            CardStatus status,
            CardPriority priority,
            BuildState buildState,
            Rank rank,
            Instant now) {
        return new Card(
                id,
                activity.id(),
                activity.project(),
                title,
                description,
                status,
                priority,
                buildState,
                rank,
                now,
                now,
                1);
    }

    public Card edit(
            String title,
            String description,
            CardStatus status,
            CardPriority priority,
            BuildState buildState,
            Instant now) {
        return new Card(
                id, activity, project, title, description, status, priority, buildState, rank, createdAt, now, version);
    }

    /** The card under {@code target} (its own activity or another of the same project) at {@code rank}. */
    public Card movedTo(Activity target, Rank rank, Instant now) {
        if (!target.project().equals(project)) {
            throw new InvalidInputException("activityId", "must be an activity of the card's own project");
        }
        return new Card(
                id,
                target.id(),
                project,
                title,
                description,
                status,
                priority,
                buildState,
                rank,
                createdAt,
                now,
                version);
    }

    public Card nextVersion() {
        return new Card(
                id,
                activity,
                project,
                title,
                description,
                status,
                priority,
                buildState,
                rank,
                createdAt,
                updatedAt,
                version + 1);
    }

    @Override
    public String reference() {
        return id.toString();
    }
}
