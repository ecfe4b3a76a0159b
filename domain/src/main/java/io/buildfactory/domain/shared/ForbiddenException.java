package io.buildfactory.domain.shared;

/** The caller is known but lacks the permission the action needs; the permission is named. */
public final class ForbiddenException extends DomainException {

    private final String permission;

    public ForbiddenException(String permission) {
        super("this needs the permission " + permission);
        this.permission = permission;
    }

    public String permission() {
        return permission;
    }
}
