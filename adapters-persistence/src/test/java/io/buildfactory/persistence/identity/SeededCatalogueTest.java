package io.buildfactory.persistence.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The migration seeds the same catalogue the code checks, and the five documented roles. */
class SeededCatalogueTest extends OnBothEngines {

    @Test
    void the_seeded_catalogue_is_the_one_the_code_checks() {
        JooqRoleRepository roles = new JooqRoleRepository(db.database(), Clock.systemUTC());
        assertEquals(Permissions.all(), roles.catalogue());
    }

    @Test
    void the_five_built_in_roles_grant_their_documented_permissions() {
        JooqRoleRepository roles = new JooqRoleRepository(db.database(), Clock.systemUTC());
        assertEquals(
                List.of("admin", "agent", "contributor", "maintainer", "viewer"),
                roles.list().stream().map(r -> r.name().value()).toList());
        assertTrue(roles.list().stream().allMatch(Role::builtIn));
        assertEquals(Permissions.all(), permissions(roles, "admin"));
        assertEquals(
                Set.of(
                        Permissions.WORK_ITEM_READ,
                        Permissions.JOB_READ,
                        Permissions.PROJECT_READ,
                        Permissions.PLANNING_READ,
                        Permissions.RUN_READ,
                        Permissions.MEMORY_READ,
                        Permissions.REPOSITORY_READ),
                permissions(roles, "viewer"));
        Set<Permission> contributor = permissions(roles, "contributor");
        assertTrue(contributor.contains(Permissions.WORK_ITEM_EXECUTE)
                && !contributor.contains(Permissions.WORK_ITEM_PREPARE_RELEASE));
        assertTrue(contributor.contains(Permissions.PLANNING_WRITE)
                && !contributor.contains(Permissions.PLANNING_MANAGE_POLICY));
        Set<Permission> maintainer = permissions(roles, "maintainer");
        assertTrue(maintainer.contains(Permissions.WORK_ITEM_PREPARE_RELEASE)
                && !maintainer.contains(Permissions.USER_MANAGE));
        Set<Permission> agent = permissions(roles, "agent");
        assertTrue(agent.contains(Permissions.WORK_ITEM_EXECUTE) && !agent.contains(Permissions.USER_READ));
        assertTrue(agent.contains(Permissions.PLANNING_WRITE), "agents plan");
        assertTrue(
                agent.contains(Permissions.RUN_EXECUTE) && !agent.contains(Permissions.REVIEW_APPROVE), "agents build");
        assertTrue(maintainer.contains(Permissions.REVIEW_APPROVE) && !maintainer.contains(Permissions.RUN_EXECUTE));
        assertTrue(maintainer.contains(Permissions.PLANNING_MANAGE_POLICY));
        assertTrue(
                agent.contains(Permissions.MEMORY_WRITE) && contributor.contains(Permissions.MEMORY_WRITE),
                "writers remember");
    }

    private static Set<Permission> permissions(JooqRoleRepository roles, String name) {
        return new TreeSet<>(roles.findByName(new RoleName(name)).orElseThrow().permissions());
    }
}
