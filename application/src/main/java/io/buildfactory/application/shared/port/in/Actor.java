package io.buildfactory.application.shared.port.in;

import io.buildfactory.domain.identity.ApiTokenId;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ForbiddenException;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is acting, with the permissions their roles grant right now (read at authentication, so a role change
 * takes effect on the next request), and how they proved it.
 */
public record Actor(UserId userId, Set<Permission> permissions, Credential credential, RequestContext request) {

    /** How the actor authenticated. */
    public sealed interface Credential {
        record ViaSession(SessionId sessionId) implements Credential {}

        record ViaApiToken(ApiTokenId tokenId) implements Credential {}
    }

    public Actor {
        Objects.requireNonNull(userId, "userId");
        permissions = Collections.unmodifiableSet(new TreeSet<>(permissions));
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(request, "request");
    }

    public boolean holds(Permission permission) {
        return permissions.contains(permission);
    }

    /** Refuses with 403 naming the permission, unless the actor holds it. */
    public void require(Permission permission) {
        if (!holds(permission)) {
            throw new ForbiddenException(permission.name());
        }
    }

    /** The same actor holding {@code granted} as well, as inside a project where they hold roles. */
    public Actor alsoHolding(Set<Permission> granted) {
        Set<Permission> all = new TreeSet<>(permissions);
        all.addAll(granted);
        return new Actor(userId, all, credential, request);
    }

    public boolean is(UserId user) {
        return userId.equals(user);
    }
}
