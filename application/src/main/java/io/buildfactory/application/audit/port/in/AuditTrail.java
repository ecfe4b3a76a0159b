package io.buildfactory.application.audit.port.in;

import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditOutcome;
import java.util.Map;

/**
 * Records what happened in the tamper-evident audit log: the port every context writes its audit entries
 * through. Call it inside the transaction of the change it records, so that the change and its entry are stored
 * together or not at all.
 */
public interface AuditTrail {

    /** The actor of what the service does by itself (sweeps, retention, jobs). */
    String SYSTEM = "system";

    /** What happened: who did it, to which target, with which outcome, and a few details (never secrets). */
    record Entry(
            String actor,
            String action,
            String targetType,
            String targetId,
            AuditOutcome outcome,
            Map<String, String> details) {}

    AuditEvent record(Entry entry, RequestContext request);
}
