package io.buildfactory.application.planning.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.planning.PlanningAction;
import io.buildfactory.domain.planning.PlanningCommand;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Applies a planning change as a planning action: checked against the caller's permissions in the project,
 * replayed instead of applied again when its idempotency key was seen (the same key with another command is
 * refused), refused when the caller's view of the project's sequence is stale, and otherwise applied, logged,
 * sequenced and audited in one transaction.
 */
public interface PlanUseCase {

    Outcome apply(Actor actor, Request request);

    /**
     * @param idempotencyKey makes a retry safe: the first answer comes back and nothing is applied twice
     * @param expectedSequence the project's action sequence the caller last saw; absent to apply regardless
     */
    record Request(PlanningCommand command, Optional<String> idempotencyKey, OptionalLong expectedSequence) {
        public Request {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(expectedSequence, "expectedSequence");
        }
    }

    /** What came of it: applied now, or the action a repeated key first applied. Either way, its log entry. */
    sealed interface Outcome {
        PlanningAction action();
    }

    record Applied(PlanningAction action) implements Outcome {}

    record Replayed(PlanningAction action) implements Outcome {}
}
