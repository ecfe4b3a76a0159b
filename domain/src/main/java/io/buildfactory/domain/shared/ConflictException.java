package io.buildfactory.domain.shared;

/** The change cannot be applied to the current state: a stale version or a value that must be unique. */
public final class ConflictException extends DomainException {

    public enum Reason {
        STALE_VERSION,
        DUPLICATE
    }

    private final Reason reason;
    private final String field;

    private ConflictException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public static ConflictException staleVersion(String kind, Object id, long expectedVersion) {
        return new ConflictException(
                Reason.STALE_VERSION,
                "version",
                kind + " " + id + " was changed by someone else (expected version " + expectedVersion + ")");
    }

    public static ConflictException duplicate(String kind, String field) {
        return new ConflictException(Reason.DUPLICATE, field, "a " + kind + " with this " + field + " already exists");
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
