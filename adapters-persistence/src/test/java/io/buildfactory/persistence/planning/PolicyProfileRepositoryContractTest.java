package io.buildfactory.persistence.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyProfileRepositoryContractTest extends OnBothEngines {

    JooqPolicyProfileRepository profiles;
    Project bf;

    @BeforeEach
    void repository() {
        profiles = new JooqPolicyProfileRepository(db.database());
        bf = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(bf);
    }

    @Test
    void a_profile_is_set_once_per_project_then_replaced_from_the_version_read() {
        assertEquals(Optional.empty(), profiles.find(bf.id()));
        PolicyProfile empty = PolicyProfile.empty(bf.id());
        PolicyProfile first = profiles.save(empty.edit(
                List.of("ci/build", "ci/tests (ünï)"),
                List.of("src/**"),
                List.of("src/secrets/**", ".github/**"),
                Fixtures.NOW));
        assertEquals(1, first.version());
        assertEquals(Optional.of(first), profiles.find(bf.id()));
        assertThrows(
                ConflictException.class,
                () -> profiles.save(empty.edit(List.of(), List.of(), List.of(), Fixtures.NOW)),
                "a second first profile");
        PolicyProfile second = profiles.save(first.edit(List.of(), List.of(), List.of(), Fixtures.NOW.plusSeconds(1)));
        assertEquals(2, second.version());
        assertThrows(ConflictException.class, () -> profiles.save(first), "version 1 is stale");
        assertEquals(Optional.of(second), profiles.find(bf.id()));
    }
}
