package io.buildfactory.application.audit.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.function.Consumer;

/** Reads the audit log, filtered, a page at a time or all of it (for export). */
public interface QueryAuditEventsUseCase {

    Page<AuditEvent> find(Actor actor, AuditQuery query, PageRequest page);

    /** Hands every matching entry, in order, to {@code sink}, reading in pages so memory stays flat. */
    long export(Actor actor, AuditQuery query, Consumer<AuditEvent> sink);
}
