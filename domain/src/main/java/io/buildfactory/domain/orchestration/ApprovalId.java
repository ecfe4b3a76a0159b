package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies an approval request of a pull-request candidate. */
public record ApprovalId(Ulid value) {

    public ApprovalId {
        Objects.requireNonNull(value, "value");
    }

    public static ApprovalId parse(String text) {
        return new ApprovalId(Ulid.parse("approvalId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
