package io.buildfactory.domain.audit;

import java.time.Instant;
import java.util.Optional;

/** Filters over the audit log; every empty filter matches everything. */
public record AuditQuery(
        Optional<String> actor,
        Optional<String> actionPrefix,
        Optional<String> targetType,
        Optional<String> targetId,
        Optional<AuditOutcome> outcome,
        Optional<Instant> from,
        Optional<Instant> until,
        Optional<String> correlationId) {

    public AuditQuery {
        if (targetId.isPresent() && targetType.isEmpty()) {
            throw new io.buildfactory.domain.shared.InvalidInputException(
                    "targetType", "is needed with targetId: ids are only unique within a target type");
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
