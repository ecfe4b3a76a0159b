package io.buildfactory.http.shared;

/**
 * Who may call a route. Every route declares one: a route open to anyone says so explicitly, and is listed in
 * the route table like any other.
 */
public sealed interface Access {

    /** Open to anyone, logged in or not (health, readiness, the API contract, login). */
    record Public() implements Access {
    }

    /** A session is needed; the use case behind the route checks the named permission. */
    record Requires(String permission) implements Access {
    }

    static Access open() {
        return new Public();
    }

    static Access requires(String permission) {
        return new Requires(permission);
    }
}
