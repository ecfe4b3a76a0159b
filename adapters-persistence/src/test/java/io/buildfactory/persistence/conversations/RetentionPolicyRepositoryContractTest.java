package io.buildfactory.persistence.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.conversations.RetentionPolicy;
import io.buildfactory.domain.conversations.RetentionPolicyId;
import io.buildfactory.domain.conversations.RetentionRule;
import io.buildfactory.domain.conversations.RetentionScope;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionPolicyRepositoryContractTest extends OnBothEngines {

    JooqRetentionPolicyRepository policies;

    @BeforeEach
    void repository() {
        policies = new JooqRetentionPolicyRepository(db.database());
    }

    RetentionPolicy policy(RetentionScope scope, String target, RetentionRule rule) {
        return new RetentionPolicy(
                new RetentionPolicyId(fixtures.id()), scope, target, rule, Fixtures.NOW, Fixtures.NOW, 1);
    }

    @Test
    void a_policy_reads_back_by_id_and_by_scope_and_target() {
        RetentionPolicy project = policy(RetentionScope.PROJECT, "BF", RetentionRule.deleteAfterDays(30));
        policies.insert(project);
        assertEquals(Optional.of(project), policies.findById(project.id()));
        assertEquals(Optional.of(project), policies.find(RetentionScope.PROJECT, "BF"));
        assertTrue(policies.find(RetentionScope.PROJECT, "XX").isEmpty());
    }

    @Test
    void a_second_policy_for_the_same_scope_and_target_is_a_duplicate_on_target() {
        policies.insert(policy(RetentionScope.GLOBAL, null, RetentionRule.keepForever()));
        ConflictException duplicate = assertThrows(
                ConflictException.class,
                () -> policies.insert(policy(RetentionScope.GLOBAL, "*", RetentionRule.deleteAfterDays(1))));
        assertEquals("target", duplicate.field());
        assertEquals(
                RetentionRule.keepForever(),
                policies.find(RetentionScope.GLOBAL, "*").orElseThrow().rule());
    }

    @Test
    void an_update_moves_the_version_on_and_a_stale_one_is_a_conflict() {
        RetentionPolicy first = policy(RetentionScope.PROJECT, "BF", RetentionRule.deleteAfterDays(30));
        policies.insert(first);
        RetentionPolicy updated =
                policies.update(first.withRule(RetentionRule.keepForever(), Fixtures.NOW.plusSeconds(1)));
        assertEquals(2, updated.version());
        assertEquals(updated, policies.findById(first.id()).orElseThrow());
        assertThrows(
                ConflictException.class,
                () -> policies.update(first.withRule(RetentionRule.deleteAfterDays(5), Fixtures.NOW.plusSeconds(2))));
        assertEquals(
                RetentionRule.keepForever(),
                policies.findById(first.id()).orElseThrow().rule());
    }

    @Test
    void all_lists_global_then_projects_then_conversations_and_delete_removes_once() {
        RetentionPolicy conversation =
                policy(RetentionScope.CONVERSATION, fixtures.id().value(), RetentionRule.deleteAfterDays(7));
        RetentionPolicy zeta = policy(RetentionScope.PROJECT, "ZZ", RetentionRule.deleteAfterDays(3));
        RetentionPolicy alpha = policy(RetentionScope.PROJECT, "AA", RetentionRule.keepForever());
        RetentionPolicy global = policy(RetentionScope.GLOBAL, null, RetentionRule.deleteAfterDays(90));
        for (RetentionPolicy p : List.of(conversation, zeta, alpha, global)) {
            policies.insert(p);
        }
        assertEquals(List.of(global, alpha, zeta, conversation), policies.all());
        assertTrue(policies.delete(zeta.id()));
        assertFalse(policies.delete(zeta.id()), "deleting twice removes nothing more");
        assertEquals(List.of(global, alpha, conversation), policies.all());
    }
}
