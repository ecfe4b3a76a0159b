package io.buildfactory.domain.shared;

/** Input that breaks a rule; names the field at fault so a client can point at it. */
public final class InvalidInputException extends DomainException {

    private final String field;
    private final String reason;

    public InvalidInputException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
