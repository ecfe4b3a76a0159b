package io.buildfactory.persistence.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.ActionOutcome;
import io.buildfactory.domain.workitems.DoneCriterion;
import io.buildfactory.domain.workitems.Gate;
import io.buildfactory.domain.workitems.GateVerdict;
import io.buildfactory.domain.workitems.PromptContext;
import io.buildfactory.domain.workitems.PullRequest;
import io.buildfactory.domain.workitems.ValidationResult;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import io.buildfactory.domain.workitems.WorkType;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppliedActionsContractTest extends OnBothEngines {

    final IdGenerator ids = new IdGenerator(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), new Random(3));
    JooqWorkItemRepository items;
    JooqAppliedActions applied;

    @BeforeEach
    void repositories() {
        Fixtures.projects(db.database(), "BF", "OPS");
        items = new JooqWorkItemRepository(db.database());
        applied = new JooqAppliedActions(db.database());
    }

    /** An item with every optional part filled in, stored, so that the outcome references a real row. */
    WorkItem item(long number) {
        WorkItem dependency = WorkItem.create(
                new WorkItemId(ids.next()),
                new WorkItemKey(new ProjectKey("BF"), number + 100),
                "a dependency",
                "",
                WorkType.CHORE,
                "manual",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of(),
                Fixtures.NOW);
        items.insert(dependency);
        WorkItem item = WorkItem.create(
                new WorkItemId(ids.next()),
                new WorkItemKey(new ProjectKey("BF"), number),
                "Persistence foundation — ünïcödé",
                "why it matters",
                WorkType.FEATURE,
                "github",
                Optional.of("bf/BF-213"),
                Optional.of("./validate.sh"),
                Optional.of(new PullRequest("https://example.com/pr/235", PullRequest.State.MERGED)),
                List.of(new DoneCriterion("migrations run clean", true), new DoneCriterion("docs", false)),
                Optional.of(new PromptContext("./prompts/wi.md", "Establish the persistence layer.")),
                List.of(dependency.id()),
                Fixtures.NOW);
        items.insert(item);
        return new WorkItem(
                item.id(),
                item.key(),
                item.title(),
                item.description(),
                item.workType(),
                item.lane(),
                item.source(),
                item.branch(),
                item.validationCommand(),
                item.pullRequest(),
                item.doneCriteria(),
                item.promptContext(),
                item.dependencies(),
                Optional.of("waiting on review"),
                Optional.of(new ValidationResult(false, List.of("a criterion is not met"), Fixtures.NOW)),
                item.createdAt(),
                Fixtures.NOW.plusSeconds(5),
                item.version());
    }

    ActionOutcome.Applied outcome(WorkItem item) {
        return new ActionOutcome.Applied(
                item,
                Action.PREPARE_RELEASE,
                List.of(
                        new GateVerdict(
                                Gate.values()[0],
                                true,
                                true,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        new GateVerdict(
                                Gate.values()[1],
                                false,
                                false,
                                Optional.of("cause"),
                                Optional.of("context"),
                                Optional.of("next step"),
                                Optional.of("safe retry"))),
                7);
    }

    @Test
    void a_kept_outcome_reads_back_equal_in_every_part() {
        ActionOutcome.Applied kept = outcome(item(1));
        applied.keep("key-1", new UserId(ids.next()), kept, Fixtures.NOW);
        assertEquals(Optional.of(kept), applied.find(kept.item().id(), "key-1"));
    }

    @Test
    void keys_are_per_item_and_an_unknown_key_finds_nothing() {
        ActionOutcome.Applied one = outcome(item(1));
        ActionOutcome.Applied two = outcome(item(2));
        applied.keep("same-key", new UserId(ids.next()), one, Fixtures.NOW);
        applied.keep("same-key", new UserId(ids.next()), two, Fixtures.NOW);
        assertEquals(one, applied.find(one.item().id(), "same-key").orElseThrow());
        assertEquals(two, applied.find(two.item().id(), "same-key").orElseThrow());
        assertTrue(applied.find(one.item().id(), "other-key").isEmpty());
    }

    @Test
    void a_second_outcome_for_the_same_key_is_a_duplicate_conflict_and_the_first_stays() {
        ActionOutcome.Applied first = outcome(item(1));
        applied.keep("key-1", new UserId(ids.next()), first, Fixtures.NOW);
        ConflictException conflict = assertThrows(
                ConflictException.class, () -> applied.keep("key-1", new UserId(ids.next()), first, Fixtures.NOW));
        assertEquals("Idempotency-Key", conflict.field());
        assertEquals(first, applied.find(first.item().id(), "key-1").orElseThrow());
    }
}
