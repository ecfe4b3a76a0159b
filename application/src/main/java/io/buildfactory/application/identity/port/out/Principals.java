package io.buildfactory.application.identity.port.out;

import io.buildfactory.domain.identity.ApiToken;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.User;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who presents a credential: the session or API token with this hash, its user and the user's global permissions,
 * read in one statement. What every authenticated request asks first, so it is one round trip, and its parts
 * come from one snapshot (a user erased meanwhile is seen whole or not at all).
 */
public interface Principals {

    /** The {@link #version()} while changes cannot be seen: nothing read may be served again from memory. */
    long UNKNOWN = -1;

    /**
     * A number that moves after every committed change to what these lookups return, made by this server or any
     * other sharing the database, before the change's writer answers on this server. What was read while the
     * version was {@code v} may be served again while it is still {@code v}; {@link #UNKNOWN} means it may not.
     */
    long version();

    Optional<Principal<Session>> bySessionTokenHash(TokenHash hash);

    Optional<Principal<ApiToken>> byApiTokenHash(TokenHash hash);

    /** A credential with its user and the permissions the user's roles grant. */
    record Principal<C>(C credential, User user, Set<Permission> permissions) {
        public Principal {
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(user, "user");
            permissions = Set.copyOf(permissions);
        }
    }
}
