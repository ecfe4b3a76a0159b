package io.buildfactory.domain.repositories;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An object's id: the SHA-256 of its content, 64 hex digits, kept in lower case. */
public record ObjectId(String value) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public ObjectId {
        if (value == null || !HEX.matcher(value).matches()) {
            throw new InvalidInputException("oid", "must be a SHA-256: 64 hexadecimal digits");
        }
    }

    /** Client input: upper-case hex is accepted and kept in lower case. */
    public static ObjectId parse(String text) {
        return new ObjectId(text == null ? null : text.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
