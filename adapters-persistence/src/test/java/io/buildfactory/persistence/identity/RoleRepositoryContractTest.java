package io.buildfactory.persistence.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoleRepositoryContractTest extends OnBothEngines {

    static final Permission EXECUTE = new Permission("factory.work-item.execute");
    static final Permission REVIEW = new Permission("factory.work-item.request-review");
    static final Permission AUDIT = new Permission("factory.audit.read");

    JooqRoleRepository roles;
    JooqUserRepository users;

    @BeforeEach
    void repositories() throws SQLException {
        roles = new JooqRoleRepository(db.database(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
        users = new JooqUserRepository(db.database());
        try (var connection = db.rawConnection();
                var statement = connection.createStatement()) {
            for (Permission p : List.of(EXECUTE, REVIEW, AUDIT)) {
                statement.executeUpdate("INSERT INTO permissions (name, description, created_at) VALUES ('"
                        + p.name() + "', 'test', "
                        + (db.engine().name().equals("SQLITE") ? "'2026-01-01 00:00:00+00:00'" : "now()")
                        + ") ON CONFLICT DO NOTHING");
            }
        }
    }

    Role role(String name, Set<Permission> permissions) {
        return Role.create(new RoleId(fixtures.id()), new RoleName(name), "a role", permissions, Fixtures.NOW);
    }

    @Test
    void role_is_stored_with_its_permissions() {
        Role role = role("reviewer", Set.of(EXECUTE, REVIEW));
        roles.insert(role);
        assertEquals(Optional.of(role), roles.findById(role.id()));
        assertEquals(Optional.of(role), roles.findByName(new RoleName("reviewer")));
        assertTrue(roles.list().contains(role));
        assertTrue(roles.catalogue().containsAll(Set.of(EXECUTE, REVIEW, AUDIT)));
    }

    @Test
    void role_names_are_unique() {
        roles.insert(role("reviewer", Set.of()));
        ConflictException conflict =
                assertThrows(ConflictException.class, () -> roles.insert(role("reviewer", Set.of())));
        assertEquals("name", conflict.field());
    }

    @Test
    void a_role_with_an_unknown_permission_is_not_stored_at_all() {
        Role role = role("broken", Set.of(EXECUTE, new Permission("factory.nothing.here")));
        assertThrows(NotFoundException.class, () -> roles.insert(role));
        assertEquals(Optional.empty(), roles.findByName(new RoleName("broken")));
    }

    @Test
    void grant_and_revoke_change_what_holders_may_do() {
        User user = fixtures.user();
        users.insert(user);
        Role role = role("operator", Set.of(EXECUTE));
        roles.insert(role);
        roles.assign(user.id(), role.id(), Fixtures.NOW);
        roles.assign(user.id(), role.id(), Fixtures.NOW); // twice is once
        assertEquals(Set.of(EXECUTE), roles.permissionsOf(user.id()));

        roles.grant(role.id(), AUDIT);
        roles.grant(role.id(), AUDIT);
        assertEquals(Set.of(EXECUTE, AUDIT), roles.permissionsOf(user.id()));

        assertTrue(roles.revoke(role.id(), EXECUTE));
        assertFalse(roles.revoke(role.id(), EXECUTE));
        assertEquals(Set.of(AUDIT), roles.permissionsOf(user.id()));
    }

    @Test
    void permissions_of_several_roles_are_merged_and_unassigning_removes_them() {
        User user = fixtures.user();
        users.insert(user);
        Role a = role("role-a", Set.of(EXECUTE));
        Role b = role("role-b", Set.of(EXECUTE, REVIEW));
        roles.insert(a);
        roles.insert(b);
        roles.assign(user.id(), a.id(), Fixtures.NOW);
        roles.assign(user.id(), b.id(), Fixtures.NOW);
        assertEquals(Set.of(EXECUTE, REVIEW), roles.permissionsOf(user.id()));
        assertEquals(List.of(a, b), roles.rolesOf(user.id()));

        assertTrue(roles.unassign(user.id(), b.id()));
        assertEquals(Set.of(EXECUTE), roles.permissionsOf(user.id()));
        assertEquals(List.of(a), roles.rolesOf(user.id()));
    }

    @Test
    void assigning_a_missing_role_is_not_found() {
        User user = fixtures.user();
        users.insert(user);
        assertThrows(NotFoundException.class, () -> roles.assign(user.id(), new RoleId(fixtures.id()), Fixtures.NOW));
    }
}
