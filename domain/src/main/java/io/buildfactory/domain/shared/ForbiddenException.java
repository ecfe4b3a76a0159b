package io.buildfactory.domain.shared;

/** The caller is known but lacks the permission the action needs; the permission is named. */
public final class ForbiddenException extends DomainException {

    private final String permission;

    public ForbiddenException(String permission) {
        super("this needs the permission " + permission);
        this.permission = permission;
    }

    private ForbiddenException(String permission, String message) {
        super(message);
        this.permission = permission;
    }

    /** Refused by the caller's part in one object (a conversation's viewer who tries to write), not a permission. */
    public static ForbiddenException because(String message) {
        return new ForbiddenException(null, message);
    }

    /** The permission that is missing, or null when the refusal is about the caller's part in the object. */
    public String permission() {
        return permission;
    }
}
