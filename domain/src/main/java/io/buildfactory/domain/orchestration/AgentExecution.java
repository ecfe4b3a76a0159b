package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's attempt at an assignment. Its agent reports a heartbeat (with its token and cost counters) before
 * the deadline, or the execution is lost and its assignment claimable again.
 */
public record AgentExecution(
        ExecutionId id,
        AssignmentId assignment,
        UserId agent,
        ExecutionStatus status,
        Instant startedAt,
        Instant heartbeatAt,
        Instant deadline,
        Optional<Instant> finishedAt,
        Optional<String> exitReason,
        Usage usage,
        long version,
        Optional<WriteLease> writeLease) {

    /** What the agent reports it spent: tokens in and out, and cost in millionths of a currency unit. */
    public record Usage(long inputTokens, long outputTokens, long costMicros) {
        public static final Usage NONE = new Usage(0, 0, 0);

        public Usage {
            if (inputTokens < 0 || outputTokens < 0 || costMicros < 0) {
                throw new InvalidInputException("usage", "counters are 0 or more");
            }
        }
    }

    public AgentExecution {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(finishedAt, "finishedAt");
        exitReason = Text.optional("exitReason", exitReason, 2000);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(writeLease, "writeLease");
    }

    public static AgentExecution claim(
            ExecutionId id, AssignmentId assignment, UserId agent, Instant now, Duration lease) {
        return new AgentExecution(
                id,
                assignment,
                agent,
                ExecutionStatus.RUNNING,
                now,
                now,
                now.plus(lease),
                Optional.empty(),
                Optional.empty(),
                Usage.NONE,
                1,
                Optional.empty());
    }

    /** A heartbeat: counters as reported (they only grow), and a new deadline. */
    public AgentExecution heartbeat(Usage reported, Instant now, Duration lease) {
        if (status != ExecutionStatus.RUNNING) {
            throw new RuleViolationException(
                    "execution-transition", "a " + status.code() + " execution reports no more heartbeats");
        }
        if (reported.inputTokens() < usage.inputTokens()
                || reported.outputTokens() < usage.outputTokens()
                || reported.costMicros() < usage.costMicros()) {
            throw new InvalidInputException("usage", "counters are totals so far: they never go down");
        }
        return new AgentExecution(
                id,
                assignment,
                agent,
                status,
                startedAt,
                now,
                now.plus(lease),
                finishedAt,
                exitReason,
                reported,
                version + 1,
                writeLease);
    }

    public AgentExecution finish(ExecutionStatus next, Optional<String> reason, Instant now) {
        status.check(next, "execution");
        return new AgentExecution(
                id,
                assignment,
                agent,
                next,
                startedAt,
                heartbeatAt,
                deadline,
                Optional.of(now),
                reason,
                usage,
                version + 1,
                writeLease);
    }

    /** The execution working on a repository under {@code lease}, taken when it was claimed. */
    public AgentExecution writingUnder(WriteLease lease) {
        return new AgentExecution(
                id,
                assignment,
                agent,
                status,
                startedAt,
                heartbeatAt,
                deadline,
                finishedAt,
                exitReason,
                usage,
                version,
                Optional.of(lease));
    }

    public boolean overdue(Instant now) {
        return status == ExecutionStatus.RUNNING && now.isAfter(deadline);
    }
}
