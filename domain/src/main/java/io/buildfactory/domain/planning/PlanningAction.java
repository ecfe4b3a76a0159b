package io.buildfactory.domain.planning;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One applied planning change in a project's log: the sequence number it took (the project's action sequence
 * after it), who asked, the command as asked and what it left behind.
 */
public record PlanningAction(
        ProjectId project,
        long sequence,
        UserId actor,
        Optional<String> idempotencyKey,
        PlanningCommand command,
        Planned result,
        Instant at) {

    public PlanningAction {
        Objects.requireNonNull(project, "project");
        if (sequence < 1) {
            throw new IllegalArgumentException("a planning action's sequence starts at 1");
        }
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(at, "at");
    }
}
