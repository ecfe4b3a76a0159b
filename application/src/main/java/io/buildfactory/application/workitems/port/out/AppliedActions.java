package io.buildfactory.application.workitems.port.out;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.workitems.ActionOutcome;
import io.buildfactory.domain.workitems.WorkItemId;
import java.time.Instant;
import java.util.Optional;

/** Applied actions kept by idempotency key, so that a retry gets the first outcome back instead of acting again. */
public interface AppliedActions {

    /** What the first request with this key on this item did. */
    Optional<ActionOutcome.Applied> find(WorkItemId item, String idempotencyKey);

    /** Keeps the outcome under the key; a second one for the same key is a duplicate conflict (a racing retry lost). */
    void keep(String idempotencyKey, UserId actor, ActionOutcome.Applied outcome, Instant at);
}
