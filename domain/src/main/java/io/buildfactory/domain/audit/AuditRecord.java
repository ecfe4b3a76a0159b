package io.buildfactory.domain.audit;

import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What happened, by whom, to what: an audit entry before it takes its place in the chain.
 * Details are flat text pairs so that their canonical bytes are the same whichever database stores them.
 */
public record AuditRecord(
        AuditEventId id,
        Instant occurredAt,
        String actor,
        String action,
        Optional<String> targetType,
        Optional<String> targetId,
        AuditOutcome outcome,
        Optional<String> correlationId,
        Optional<String> clientAddress,
        Optional<String> userAgent,
        SortedMap<String, String> details) {

    public AuditRecord {
        Objects.requireNonNull(id, "id");
        occurredAt = Timestamps.stored(Objects.requireNonNull(occurredAt, "occurredAt"));
        actor = Text.required("actor", actor, 100);
        action = Text.required("action", action, 100);
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(userAgent, "userAgent");
        details = Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }
}
