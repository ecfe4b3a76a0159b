package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.regex.Pattern;

/** A role's unique name, e.g. {@code maintainer}. */
public record RoleName(String value) {

    private static final Pattern FORM = Pattern.compile("^[a-z][a-z0-9-]{1,62}$");

    public RoleName {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new InvalidInputException(
                    "name", "must be 2-63 characters of a-z, 0-9 and '-', starting with a letter");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
