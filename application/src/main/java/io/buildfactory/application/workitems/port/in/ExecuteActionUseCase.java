package io.buildfactory.application.workitems.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.ActionOutcome;
import io.buildfactory.domain.workitems.WorkItemRef;
import java.util.Objects;
import java.util.Optional;

/**
 * Executes an action: permission, every gate, the transition, its audit event and telemetry, atomically. The
 * outcome says how it ended: {@link ActionOutcome.Applied}, {@link ActionOutcome.Blocked} (after a {@code denied}
 * audit event; nothing changed) or, for a retry with the idempotency key of an applied request,
 * {@link ActionOutcome.Replayed} with that first outcome (acted once).
 */
public interface ExecuteActionUseCase {

    ActionOutcome execute(Actor actor, ExecuteAction command);

    /** Which action on which item; with an idempotency key (1-200 characters), a retry replays the first outcome. */
    record ExecuteAction(WorkItemRef item, Action action, Optional<String> idempotencyKey) {

        public ExecuteAction {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(action, "action");
            idempotencyKey.ifPresent(k -> {
                if (k.isBlank() || k.length() > 200) {
                    throw new InvalidInputException("Idempotency-Key", "must be 1-200 characters");
                }
            });
        }
    }
}
