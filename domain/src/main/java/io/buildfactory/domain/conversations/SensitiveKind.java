package io.buildfactory.domain.conversations;

import java.util.Locale;

/** The kinds of sensitive data the scanner recognises; {@code [REDACTED:<code>]} names them in redacted text. */
public enum SensitiveKind {
    PRIVATE_KEY,
    API_KEY,
    JWT,
    PASSWORD_IN_URL,
    SECRET_ASSIGNMENT,
    CARD_NUMBER,
    EMAIL,
    PHONE,
    IBAN,
    NATIONAL_ID;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SensitiveKind fromCode(String code) {
        return java.util.Arrays.stream(values())
                .filter(k -> k.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sensitive kind " + code));
    }

    public boolean isSecret() {
        return ordinal() <= SECRET_ASSIGNMENT.ordinal();
    }
}
