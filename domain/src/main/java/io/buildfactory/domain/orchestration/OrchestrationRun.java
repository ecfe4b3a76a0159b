package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One build of a workflow or a card: who started it, what it was given (its {@link RunInputs}, frozen when it
 * was queued) and how it went.
 */
public record OrchestrationRun(
        RunId id,
        ProjectId project,
        RunScope scope,
        RunStatus status,
        UserId startedBy,
        RunInputs inputs,
        Optional<String> handoff,
        Instant createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        long version) {

    public OrchestrationRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(handoff, "handoff");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    public static OrchestrationRun queue(
            RunId id, ProjectId project, RunScope scope, UserId startedBy, RunInputs inputs, Instant now) {
        return queue(id, project, scope, startedBy, inputs, Optional.empty(), now);
    }

    /** A run queued by a work item's handoff, which {@code handoff} names (unique: one run per handoff). */
    public static OrchestrationRun queue(
            RunId id,
            ProjectId project,
            RunScope scope,
            UserId startedBy,
            RunInputs inputs,
            Optional<String> handoff,
            Instant now) {
        return new OrchestrationRun(
                id,
                project,
                scope,
                RunStatus.QUEUED,
                startedBy,
                inputs,
                handoff,
                now,
                Optional.empty(),
                Optional.empty(),
                1);
    }

    /** The run in {@code next}: started when it begins running, finished when it ends; illegal moves refused. */
    public OrchestrationRun moveTo(RunStatus next, Instant now) {
        status.check(next, "run");
        return new OrchestrationRun(
                id,
                project,
                scope,
                next,
                startedBy,
                inputs,
                handoff,
                createdAt,
                next == RunStatus.RUNNING ? Optional.of(now) : startedAt,
                next.terminal() ? Optional.of(now) : finishedAt,
                version + 1);
    }
}
