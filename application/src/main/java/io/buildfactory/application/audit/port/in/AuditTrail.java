package io.buildfactory.application.audit.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditOutcome;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Records what happened in the tamper-evident audit log: the port every context writes its audit entries
 * through. Call it inside the transaction of the change it records, so that the change and its entry are stored
 * together or not at all.
 */
public interface AuditTrail {

    /** What happened: who did it, to which target, with which outcome, and a few details (never secrets). */
    record Entry(
            AuditActor actor,
            AuditAction action,
            AuditTarget target,
            AuditOutcome outcome,
            Map<String, String> details) {

        public Entry {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(outcome, "outcome");
            details = Collections.unmodifiableMap(new TreeMap<>(details));
        }
    }

    AuditEvent record(Entry entry, RequestContext request);

    /** Records that {@code actor} did {@code action} to {@code target}, as part of their request. */
    default AuditEvent success(Actor actor, AuditAction action, AuditTarget target, Map<String, String> details) {
        return record(new Entry(AuditActor.of(actor), action, target, AuditOutcome.SUCCESS, details), actor.request());
    }
}
