package io.buildfactory.domain.audit;

import java.util.Arrays;
import java.util.Locale;

public enum AuditOutcome {
    SUCCESS,
    DENIED,
    FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditOutcome fromCode(String code) {
        return Arrays.stream(values())
                .filter(o -> o.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown audit outcome: " + code));
    }
}
