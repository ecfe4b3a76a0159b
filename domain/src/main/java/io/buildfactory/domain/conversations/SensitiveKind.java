package io.buildfactory.domain.conversations;

import java.util.Locale;

/** The kinds of sensitive data the scanner recognises; {@code [REDACTED:<code>]} names them in redacted text. */
public enum SensitiveKind {
    PRIVATE_KEY, API_KEY, JWT, PASSWORD_IN_URL, SECRET_ASSIGNMENT, CARD_NUMBER, EMAIL, PHONE;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isSecret() {
        return ordinal() <= SECRET_ASSIGNMENT.ordinal();
    }
}
