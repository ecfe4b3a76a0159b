package io.buildfactory.persistence.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.projects.ProjectMember;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.persistence.identity.JooqRoleRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectMembersContractTest extends OnBothEngines {

    final Fixtures fixtures = new Fixtures();
    JooqProjectMembers members;
    JooqRoleRepository roles;
    Project bf;
    Project ops;
    User ana;
    User bo;

    @BeforeEach
    void repositories() {
        members = new JooqProjectMembers(db.database());
        roles = new JooqRoleRepository(db.database(), Clock.systemUTC());
        JooqProjectRepository projects = new JooqProjectRepository(db.database());
        bf = fixtures.project("BF");
        ops = fixtures.project("OPS");
        projects.insert(bf);
        projects.insert(ops);
        JooqUserRepository users = new JooqUserRepository(db.database());
        ana = fixtures.user();
        bo = fixtures.user();
        users.insert(ana);
        users.insert(bo);
    }

    RoleId role(String name) {
        return roles.findByName(new RoleName(name)).orElseThrow().id();
    }

    @Test
    void a_role_in_a_project_grants_its_permissions_there_and_nowhere_else() {
        members.add(new ProjectMember(bf.id(), ana.id(), role("viewer"), Fixtures.NOW));
        members.add(new ProjectMember(bf.id(), ana.id(), role("contributor"), Fixtures.NOW));
        Set<Permission> inBf = members.permissionsIn(ana.id(), bf.id());
        assertTrue(inBf.contains(Permissions.WORK_ITEM_CREATE), "the contributor role's");
        assertTrue(inBf.contains(Permissions.PROJECT_READ), "the viewer role's");
        assertEquals(Set.of(), members.permissionsIn(ana.id(), ops.id()));
        assertEquals(Set.of(), members.permissionsIn(bo.id(), bf.id()));
        assertTrue(members.isMember(ana.id(), bf.id()));
        assertFalse(members.isMember(ana.id(), ops.id()));
        assertEquals(Set.of(new ProjectKey("BF")), members.projectsOf(ana.id()));
        assertEquals(2, members.of(bf.id()).size());
    }

    @Test
    void a_role_held_already_is_a_conflict_and_missing_users_or_roles_are_named() {
        ProjectMember viewer = new ProjectMember(bf.id(), ana.id(), role("viewer"), Fixtures.NOW);
        members.add(viewer);
        assertEquals(
                "role",
                assertThrows(ConflictException.class, () -> members.add(viewer)).field());
        assertEquals(
                "userId",
                assertThrows(
                                InvalidInputException.class,
                                () -> members.add(new ProjectMember(
                                        bf.id(), fixtures.user().id(), role("viewer"), Fixtures.NOW)))
                        .field());
        assertEquals(
                "roleId",
                assertThrows(
                                InvalidInputException.class,
                                () -> members.add(
                                        new ProjectMember(bf.id(), ana.id(), new RoleId(fixtures.id()), Fixtures.NOW)))
                        .field());
        assertEquals(List.of(viewer), members.of(bf.id()));
    }

    @Test
    void removing_takes_exactly_that_role_and_says_whether_there_was_one() {
        members.add(new ProjectMember(bf.id(), ana.id(), role("viewer"), Fixtures.NOW));
        members.add(new ProjectMember(bf.id(), ana.id(), role("contributor"), Fixtures.NOW));
        assertTrue(members.remove(bf.id(), ana.id(), role("contributor")));
        assertFalse(members.remove(bf.id(), ana.id(), role("contributor")));
        assertFalse(members.permissionsIn(ana.id(), bf.id()).contains(Permissions.WORK_ITEM_CREATE));
        assertTrue(members.isMember(ana.id(), bf.id()), "the viewer role stays");
    }

    @Test
    void erasing_a_user_takes_their_project_roles_with_them() {
        members.add(new ProjectMember(bf.id(), ana.id(), role("viewer"), Fixtures.NOW));
        new JooqUserRepository(db.database()).delete(ana.id());
        assertEquals(List.of(), members.of(bf.id()));
    }
}
