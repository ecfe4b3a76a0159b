package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** A disabled user keeps their history but can no longer act. */
public enum UserStatus {
    ACTIVE,
    DISABLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UserStatus fromCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("status", "must be one of active, disabled"));
    }
}
