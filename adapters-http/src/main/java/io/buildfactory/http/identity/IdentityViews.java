package io.buildfactory.http.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.buildfactory.domain.identity.ApiToken;
import io.buildfactory.domain.identity.IdentityLink;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.User;
import java.time.Instant;
import java.util.List;

/** Response bodies of the identity API. Password hashes and token hashes never appear in any of them. */
final class IdentityViews {

    private IdentityViews() {}

    record UserView(
            String id,
            String email,
            String displayName,
            String kind,
            String status,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        static UserView of(User u) {
            return new UserView(
                    u.id().toString(),
                    u.email().value(),
                    u.displayName(),
                    u.kind().code(),
                    u.status().code(),
                    u.createdAt(),
                    u.updatedAt(),
                    u.version());
        }
    }

    record SessionView(
            String id, Instant createdAt, Instant lastSeenAt, Instant idleExpiresAt, Instant absoluteExpiresAt) {
        static SessionView of(Session s) {
            return new SessionView(
                    s.id().toString(), s.createdAt(), s.lastSeenAt(), s.idleExpiresAt(), s.absoluteExpiresAt());
        }
    }

    record LoginView(String token, SessionView session, UserView user) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SessionInfoView(UserView user, List<String> roles, List<String> permissions, SessionView session) {}

    record RoleView(
            String id, String name, String description, boolean builtIn, List<String> permissions, long version) {
        static RoleView of(Role r) {
            return new RoleView(
                    r.id().toString(),
                    r.name().value(),
                    r.description(),
                    r.builtIn(),
                    r.permissions().stream().map(Permission::name).toList(),
                    r.version());
        }
    }

    record LinkView(String id, String provider, String subject, String email, Object profile, Instant createdAt) {}

    record TokenView(
            String id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(
                    t.id().toString(),
                    t.name(),
                    t.createdAt(),
                    t.expiresAt().orElse(null),
                    t.revokedAt().orElse(null),
                    t.lastUsedAt().orElse(null));
        }
    }

    record IssuedTokenView(String token, TokenView details) {}

    record Items<T>(List<T> items) {}

    record Count(int sessionsEnded) {}

    static LinkView link(IdentityLink l, com.fasterxml.jackson.databind.ObjectMapper json) {
        Object profile = l.profileJson()
                .map(text -> {
                    try {
                        return (Object) json.readTree(text);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("stored profile is not JSON", e);
                    }
                })
                .orElse(null);
        return new LinkView(
                l.id().toString(),
                l.provider(),
                l.subject(),
                l.email().map(Object::toString).orElse(null),
                profile,
                l.createdAt());
    }
}
