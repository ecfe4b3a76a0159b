package io.buildfactory.application.audit.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.UserId;
import java.util.Objects;

/** Who an audit entry says acted: a user, the service itself, or nobody known (a failed sign-in). */
public record AuditActor(String value) {

    /** What the service does by itself: sweeps, retention, jobs. */
    public static final AuditActor SYSTEM = new AuditActor("system");

    /** A request from nobody signed in, such as a sign-in for an unknown name. */
    public static final AuditActor ANONYMOUS = new AuditActor("anonymous");

    public AuditActor {
        Objects.requireNonNull(value, "value");
    }

    public static AuditActor of(UserId user) {
        return new AuditActor(user.toString());
    }

    public static AuditActor of(Actor actor) {
        return of(actor.userId());
    }
}
