package io.buildfactory.domain.audit;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies an audit event. */
public record AuditEventId(Ulid value) {

    public AuditEventId {
        Objects.requireNonNull(value, "value");
    }

    public static AuditEventId parse(String text) {
        return new AuditEventId(Ulid.parse("auditEventId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
