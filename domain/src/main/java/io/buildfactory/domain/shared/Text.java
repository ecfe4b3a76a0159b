package io.buildfactory.domain.shared;

/** Small checks for text fields, shared by the value objects. */
public final class Text {

    private Text() {}

    /** Trims and checks the length; blank text is refused. */
    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidInputException(field, "must not contain the NUL character");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidInputException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    /** Free text that may be empty (null reads as empty): trimmed, NUL refused, length checked. */
    public static String free(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return "";
        }
        return required(field, value, maxLength);
    }

    /** Optional text: absent or blank is empty, anything else is checked as {@link #required}. */
    public static java.util.Optional<String> optional(String field, java.util.Optional<String> value, int maxLength) {
        return value.filter(v -> !v.isBlank()).map(v -> required(field, v, maxLength));
    }

    /** Quotes a value for an error message, shortened so a huge input cannot flood a log line. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }
}
