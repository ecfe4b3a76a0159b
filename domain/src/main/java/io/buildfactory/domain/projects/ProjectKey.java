package io.buildfactory.domain.projects;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.regex.Pattern;

/** A project's short key, e.g. {@code BF}: 2-10 upper-case letters and digits, starting with a letter. */
public record ProjectKey(String value) {

    private static final Pattern FORM = Pattern.compile("^[A-Z][A-Z0-9]{1,9}$");

    public ProjectKey {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new InvalidInputException("projectKey", "must be 2-10 upper-case letters and digits, like BF");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
