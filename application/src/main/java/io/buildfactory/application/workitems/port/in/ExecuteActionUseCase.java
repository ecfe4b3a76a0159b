package io.buildfactory.application.workitems.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.GateVerdict;
import io.buildfactory.domain.workitems.WorkItem;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Executes an action: permission, every gate, the transition, its audit event and telemetry, atomically. A blocked
 * action throws {@link io.buildfactory.domain.workitems.ActionBlockedException} with the verdicts, after writing a
 * {@code denied} audit event. With an idempotency key, a retry returns the first response and acts once.
 */
public interface ExecuteActionUseCase {

    /**
     * @param render turns the result into the response body stored under the idempotency key, so that a retry
     *               gets the very same bytes back
     */
    Executed execute(Actor actor, String itemRef, Action action, Optional<String> idempotencyKey,
                     Function<ActionResult, String> render);

    record ActionResult(WorkItem item, Action action, List<GateVerdict> verdicts, long policyVersion) {
    }

    record Executed(String body, boolean replayed) {
    }
}
