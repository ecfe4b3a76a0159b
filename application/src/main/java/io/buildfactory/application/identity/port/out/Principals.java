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
