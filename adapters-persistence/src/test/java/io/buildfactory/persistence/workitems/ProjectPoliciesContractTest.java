package io.buildfactory.persistence.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.Gate;
import io.buildfactory.domain.workitems.PolicyProfile;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectPoliciesContractTest extends OnBothEngines {

    static final ProjectKey BF = new ProjectKey("BF");

    JooqProjectPolicies policies;

    @BeforeEach
    void repository() {
        Fixtures.projects(db.database(), "BF", "OPS");
        policies = new JooqProjectPolicies(db.database());
    }

    @Test
    void a_policy_is_stored_at_version_one_then_changed_only_from_the_version_read() {
        assertTrue(policies.policy(BF).isEmpty());
        PolicyProfile profile = new PolicyProfile(
                BF, Map.of(Action.START_EXECUTION, Map.of(Gate.LANE_ELIGIBILITY, PolicyProfile.Mode.EVALUATE)), 0);
        PolicyProfile saved = policies.savePolicy(profile, Fixtures.NOW);
        assertEquals(1, saved.version());
        assertEquals(Optional.of(saved), policies.policy(BF));
        assertThrows(
                ConflictException.class, () -> policies.savePolicy(profile, Fixtures.NOW), "version 0 is stale now");
        assertEquals(2, policies.savePolicy(saved, Fixtures.NOW).version());
    }

    @Test
    void every_mode_reads_back_as_it_was_stored_for_every_action() {
        Map<Action, Map<Gate, PolicyProfile.Mode>> gates = new EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            gates.put(action, Map.of(action.defaultGates().getFirst(), PolicyProfile.Mode.EVALUATE));
        }
        PolicyProfile saved = policies.savePolicy(new PolicyProfile(BF, gates, 0), Fixtures.NOW);
        assertEquals(Optional.of(saved), policies.policy(BF));
    }
}
