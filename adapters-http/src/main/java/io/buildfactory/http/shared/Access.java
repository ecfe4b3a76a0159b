package io.buildfactory.http.shared;

import io.buildfactory.domain.identity.Permission;

/**
 * Who may call a route. Every route declares one: a route open to anyone says so explicitly. The HTTP layer only
 * authenticates; permissions are checked in the use cases, so every entry point is guarded alike, and a test
 * holds each route's declaration against what its use case enforces.
 */
public sealed interface Access {

    /** Open to anyone, logged in or not (health, readiness, the API contract, login). */
    record Public() implements Access {}

    /** Any signed-in user; what they may do is decided per object by the use case (their own session, …). */
    record Authenticated() implements Access {}

    /** A signed-in user holding the permission; the use case behind the route checks it. */
    record Requires(Permission permission) implements Access {}

    /** The user the path names may act on themselves; anyone else needs the permission. */
    record SelfOr(Permission permission) implements Access {}

    static Access open() {
        return new Public();
    }

    static Access signedIn() {
        return new Authenticated();
    }

    static Access requires(Permission permission) {
        return new Requires(permission);
    }

    static Access selfOr(Permission permission) {
        return new SelfOr(permission);
    }
}
