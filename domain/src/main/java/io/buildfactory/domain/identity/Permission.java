package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.regex.Pattern;

/** A permission in the {@code factory.<area>.<verb>} form, e.g. {@code factory.work-item.execute}. */
public record Permission(String name) implements Comparable<Permission> {

    private static final Pattern FORM = Pattern.compile("^factory\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$");

    public Permission {
        if (name == null || name.length() > 100 || !FORM.matcher(name).matches()) {
            throw new InvalidInputException("permission", "must look like factory.<area>.<verb> in lower case");
        }
    }

    @Override
    public int compareTo(Permission other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
