package io.buildfactory.domain.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Ulid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlPolicyTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final ProjectKey BF = new ProjectKey("BF");

    static WorkItem item(Random random, Optional<PullRequest> pr, List<DoneCriterion> criteria) {
        return WorkItem.create(
                new WorkItemId(Ulid.generate(T0, random)),
                new WorkItemKey(BF, 213),
                "Persistence foundation",
                "",
                WorkType.FEATURE,
                "manual",
                Optional.of("bf/BF-213"),
                Optional.of("./scripts/validate-local.ps1"),
                pr,
                criteria,
                Optional.of(new PromptContext("./work-items/prompts/wi-BF-213.prompt.md", "Establish…")),
                List.of(),
                T0);
    }

    static WorkItem done(Random random) {
        WorkItem item = item(
                random,
                Optional.of(new PullRequest("https://example.com/pr/235", PullRequest.State.MERGED)),
                List.of(new DoneCriterion("migrations run clean", true)));
        for (Action a : List.of(Action.MARK_READY, Action.START_EXECUTION, Action.REQUEST_REVIEW, Action.COMPLETE)) {
            item = ControlPolicy.apply(item, a, T0, Optional.empty(), Optional.empty());
        }
        return item;
    }

    static List<GateVerdict> verdicts(WorkItem item, Action action) {
        return ControlPolicy.evaluate(item, action, PolicyProfile.defaults(BF), id -> Optional.of(Lane.DONE));
    }

    @Test
    void a_done_item_matches_the_seed_page() {
        WorkItem item = done(new Random(1));
        assertEquals("done", item.status());
        assertEquals("done", item.state());

        GateVerdict start = verdicts(item, Action.START_EXECUTION).get(0);
        assertEquals(Gate.LANE_TRANSITION, start.gate());
        assertFalse(start.passed());
        assertEquals(Optional.of("Done items stay closed; Start execution cannot move them backward."), start.cause());
        assertEquals(
                Optional.of("Lane transition policy blocks Start execution when the item is already Done."),
                start.policyContext());
        assertEquals(
                Optional.of("Create a net-new work item if more delivery is needed instead of reopening this one."),
                start.nextStep());
        assertEquals(Optional.of("Do not retry Start execution on a done item."), start.safeRetry());
        assertEquals(
                Optional.of("Done items stay closed; Request review cannot move them backward."),
                verdicts(item, Action.REQUEST_REVIEW).get(0).cause());

        assertTrue(
                verdicts(item, Action.PREPARE_RELEASE).stream().allMatch(GateVerdict::passed),
                "prepare release: lane-eligibility pass, pull-request pass");
        assertEquals(
                List.of(Gate.LANE_ELIGIBILITY, Gate.PULL_REQUEST),
                verdicts(item, Action.PREPARE_RELEASE).stream()
                        .map(GateVerdict::gate)
                        .toList());
        assertTrue(verdicts(item, Action.RECORD_HISTORY).stream().allMatch(GateVerdict::passed));
    }

    @Test
    void complete_needs_a_merged_pull_request_and_every_done_criterion() {
        Random random = new Random(2);
        WorkItem review = item(
                random,
                Optional.of(new PullRequest("https://example.com/pr/1", PullRequest.State.OPEN)),
                List.of(new DoneCriterion("a", true), new DoneCriterion("b", false)));
        for (Action a : List.of(Action.MARK_READY, Action.START_EXECUTION, Action.REQUEST_REVIEW)) {
            review = ControlPolicy.apply(review, a, T0, Optional.empty(), Optional.empty());
        }
        List<GateVerdict> complete = verdicts(review, Action.COMPLETE);
        assertEquals(
                List.of(Gate.PULL_REQUEST, Gate.DONE_CRITERIA),
                complete.stream()
                        .filter(GateVerdict::stops)
                        .map(GateVerdict::gate)
                        .toList());
        assertEquals(
                Optional.of("1 of 2 done criteria are not met."),
                complete.stream()
                        .filter(v -> v.gate() == Gate.DONE_CRITERIA)
                        .findFirst()
                        .orElseThrow()
                        .cause());
    }

    @Test
    void an_evaluate_only_gate_reports_but_does_not_stop() {
        WorkItem fresh = item(new Random(3), Optional.empty(), List.of());
        PolicyProfile dryRun = new PolicyProfile(
                BF, Map.of(Action.MARK_READY, Map.of(Gate.LANE_ELIGIBILITY, PolicyProfile.Mode.EVALUATE)), 2);
        WorkItem ready = ControlPolicy.apply(fresh, Action.MARK_READY, T0, Optional.empty(), Optional.empty());
        List<GateVerdict> again = ControlPolicy.evaluate(ready, Action.MARK_READY, dryRun, id -> Optional.empty());
        assertFalse(again.get(0).passed());
        assertFalse(again.get(0).stops());
    }

    /** Permission sets of the seeded roles (docs/identity.md). */
    static final Map<String, Set<Permission>> ROLES = Map.of(
            "maintainer",
                    Set.of(
                            Permissions.WORK_ITEM_UPDATE,
                            Permissions.WORK_ITEM_EXECUTE,
                            Permissions.WORK_ITEM_REQUEST_REVIEW,
                            Permissions.WORK_ITEM_COMPLETE,
                            Permissions.WORK_ITEM_PREPARE_RELEASE,
                            Permissions.WORK_ITEM_RECORD_HISTORY,
                            Permissions.WORK_ITEM_BLOCK),
            "contributor",
                    Set.of(
                            Permissions.WORK_ITEM_UPDATE,
                            Permissions.WORK_ITEM_EXECUTE,
                            Permissions.WORK_ITEM_REQUEST_REVIEW,
                            Permissions.WORK_ITEM_RECORD_HISTORY),
            "viewer", Set.of(),
            "agent",
                    Set.of(
                            Permissions.WORK_ITEM_UPDATE,
                            Permissions.WORK_ITEM_EXECUTE,
                            Permissions.WORK_ITEM_REQUEST_REVIEW,
                            Permissions.WORK_ITEM_RECORD_HISTORY));

    @Test
    void ten_thousand_random_actions_by_random_roles_never_break_the_lane_rules() {
        Random random = new Random(20261122);
        List<String> roles = List.copyOf(ROLES.keySet()).stream().sorted().toList();
        WorkItem item = item(
                random,
                Optional.of(new PullRequest("https://example.com/pr/9", PullRequest.State.OPEN)),
                List.of(new DoneCriterion("tests pass", false)));
        int applied = 0;
        for (int step = 0; step < 10_000; step++) {
            if (random.nextInt(20) == 0) { // the world changes: PRs merge, criteria get met, new items start
                item = item.edit(
                        item.title(),
                        item.description(),
                        item.workType(),
                        item.branch(),
                        item.validationCommand(),
                        Optional.of(new PullRequest(
                                "https://example.com/pr/9", PullRequest.State.values()[random.nextInt(3)])),
                        List.of(new DoneCriterion("tests pass", random.nextBoolean())),
                        item.promptContext(),
                        item.dependencies(),
                        T0);
            }
            if (item.lane() == Lane.DONE && random.nextInt(50) == 0) {
                item = item(random, item.pullRequest(), item.doneCriteria());
            }
            String role = roles.get(random.nextInt(roles.size()));
            Action action = Action.values()[random.nextInt(Action.values().length)];
            boolean allowed = ROLES.get(role).contains(action.permission())
                    && verdicts(item, action).stream().noneMatch(GateVerdict::stops);
            if (!allowed) {
                continue;
            }
            WorkItem before = item;
            item = ControlPolicy.apply(
                    item,
                    action,
                    T0,
                    Optional.of("waiting"),
                    Optional.of(ControlPolicy.prepareRelease(item, Optional.empty(), T0)));
            applied++;
            assertLaneRules(before, item, action);
        }
        assertTrue(applied > 1_000, "the walk did real work: " + applied + " actions applied");
    }

    private static void assertLaneRules(WorkItem before, WorkItem after, Action action) {
        if (before.lane() == Lane.DONE) {
            assertEquals(Lane.DONE, after.lane(), "done items stay closed (" + action + ")");
        }
        assertTrue(
                after.lane().ordinal() - before.lane().ordinal() <= 1
                        && after.lane().ordinal() >= before.lane().ordinal(),
                "lanes only move one step forward: " + before.lane() + " -> " + after.lane() + " by " + action);
        if (before.blocked() && action != Action.UNBLOCK) {
            assertEquals(before.lane(), after.lane(), "blocked items do not move");
        }
        if (after.lane() == Lane.DONE && before.lane() != Lane.DONE) {
            assertEquals(
                    Optional.of(PullRequest.State.MERGED), after.pullRequest().map(PullRequest::state));
            assertTrue(after.allDoneCriteriaMet());
        }
    }

    @Test
    void status_and_state_follow_the_lane_and_the_block() {
        WorkItem backlog = item(new Random(4), Optional.empty(), List.of());
        assertEquals(List.of("todo", "open"), List.of(backlog.status(), backlog.state()));
        WorkItem ready = ControlPolicy.apply(backlog, Action.MARK_READY, T0, Optional.empty(), Optional.empty());
        WorkItem held = ControlPolicy.apply(ready, Action.BLOCK, T0, Optional.of("waiting"), Optional.empty());
        assertEquals(List.of("blocked", "blocked"), List.of(held.status(), held.state()));
        WorkItem released = ControlPolicy.apply(held, Action.UNBLOCK, T0, Optional.empty(), Optional.empty());
        assertEquals(List.of("todo", "open"), List.of(released.status(), released.state()));
        WorkItem done = done(new Random(5));
        assertEquals(List.of("done", "done"), List.of(done.status(), done.state()));
    }
}
