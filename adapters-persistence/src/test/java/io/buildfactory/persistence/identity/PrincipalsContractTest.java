package io.buildfactory.persistence.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildfactory.application.identity.port.out.Principals.Principal;
import io.buildfactory.domain.identity.ApiToken;
import io.buildfactory.domain.identity.ApiTokenId;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.User;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A credential with its user and permissions, in one statement, on both databases. */
class PrincipalsContractTest extends OnBothEngines {

    JooqPrincipals principals;
    JooqRoleRepository roles;
    JooqSessionRepository sessions;
    User user;

    @BeforeEach
    void repositories() {
        principals = new JooqPrincipals(db.database());
        roles = new JooqRoleRepository(db.database(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
        sessions = new JooqSessionRepository(db.database());
        user = fixtures.user();
        new JooqUserRepository(db.database()).insert(user);
    }

    Role role(String name) {
        return roles.findByName(new RoleName(name)).orElseThrow();
    }

    @Test
    void a_session_comes_with_its_user_and_every_permission_of_every_role_once() {
        Session session = fixtures.session(user.id(), Fixtures.NOW, Duration.ofMinutes(30), Duration.ofHours(12));
        sessions.insert(session);
        Principal<Session> alone =
                principals.bySessionTokenHash(session.tokenHash()).orElseThrow();
        assertEquals(session, alone.credential());
        assertEquals(user, alone.user());
        assertEquals(Set.of(), alone.permissions(), "no role, no permission, still the user");

        Role maintainer = role("maintainer");
        Role viewer = role("viewer");
        roles.assign(user.id(), maintainer.id(), Fixtures.NOW);
        roles.assign(user.id(), viewer.id(), Fixtures.NOW);
        Set<Permission> expected = new TreeSet<>(maintainer.permissions());
        expected.addAll(viewer.permissions());
        Principal<Session> both =
                principals.bySessionTokenHash(session.tokenHash()).orElseThrow();
        assertEquals(expected, both.permissions(), "the union, each once");
        assertEquals(roles.permissionsOf(user.id()), both.permissions(), "as the role repository says");

        assertEquals(Optional.empty(), principals.bySessionTokenHash(TokenHash.of("another token")));
    }

    @Test
    void an_api_token_comes_with_its_agent_and_permissions_and_an_unknown_one_with_nothing() {
        ApiToken token = new ApiToken(
                new ApiTokenId(fixtures.id()),
                user.id(),
                "ci",
                TokenHash.of("bfa_secret"),
                Fixtures.NOW,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        new JooqApiTokenRepository(db.database()).insert(token);
        Role agent = role("agent");
        roles.assign(user.id(), agent.id(), Fixtures.NOW);
        Principal<ApiToken> found = principals.byApiTokenHash(token.tokenHash()).orElseThrow();
        assertEquals(token, found.credential());
        assertEquals(user.id(), found.user().id());
        assertEquals(agent.permissions(), found.permissions());
        assertEquals(Optional.empty(), principals.byApiTokenHash(TokenHash.of("bfa_other")));
        assertEquals(
                Optional.empty(),
                principals.bySessionTokenHash(token.tokenHash()),
                "an API token is no session, though hashed alike");
    }
}
