package io.buildfactory.domain.shared;

/** The change cannot be applied to the current state: a stale version or a value that must be unique. */
public final class ConflictException extends DomainException {

    public enum Reason {
        STALE_VERSION,
        DUPLICATE,
        /** The project moved on since the sequence number the caller sent. */
        STALE_SEQUENCE,
        /** An idempotency key sent again with a different request. */
        KEY_REUSED
    }

    private final Reason reason;
    private final String field;
    private long currentSequence = -1;

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

    public static ConflictException staleSequence(long expected, long current) {
        ConflictException e = new ConflictException(
                Reason.STALE_SEQUENCE,
                "actionSequence",
                "the project's planning moved on: it is at action " + current + ", not " + expected
                        + "; read what changed (GET …/planning-actions?after=" + expected + ") and retry");
        e.currentSequence = current;
        return e;
    }

    public static ConflictException keyReused(String field) {
        return new ConflictException(
                Reason.KEY_REUSED,
                field,
                "this idempotency key was used for a different request; send a new key for a new request");
    }

    /** For {@link Reason#STALE_SEQUENCE}: where the project is now; -1 otherwise. */
    public long currentSequence() {
        return currentSequence;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
