package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An email address as the user typed it; {@link #canonical()} is what uniqueness is decided on. */
public record EmailAddress(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    public static final int MAX_LENGTH = 254;

    public EmailAddress {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("email", "must not be blank");
        }
        value = value.strip();
        if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("email", "must be an email address like name@example.com");
        }
    }

    /** Email addresses are unique regardless of case. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
