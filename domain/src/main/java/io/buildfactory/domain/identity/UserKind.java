package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** People log in with passwords; agents authenticate with API tokens. */
public enum UserKind {
    HUMAN,
    AGENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UserKind fromCode(String code) {
        return Arrays.stream(values())
                .filter(k -> k.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("kind", "must be one of human, agent"));
    }
}
