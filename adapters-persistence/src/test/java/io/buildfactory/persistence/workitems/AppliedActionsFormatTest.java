package io.buildfactory.persistence.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.ActionOutcome;
import io.buildfactory.domain.workitems.DoneCriterion;
import io.buildfactory.domain.workitems.Gate;
import io.buildfactory.domain.workitems.GateVerdict;
import io.buildfactory.domain.workitems.PromptContext;
import io.buildfactory.domain.workitems.PullRequest;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import io.buildfactory.domain.workitems.WorkType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stored form of an applied action, to the byte. Outcomes kept for replay outlive the code that wrote them:
 * when a domain record changes shape, this test fails, and the change needs a new format (and a conversion of
 * what the earlier formats kept) instead of turning every stored retry into a failure.
 */
class AppliedActionsFormatTest {

    static final Instant AT = Instant.parse("2026-11-22T10:15:30.123456Z");

    static ActionOutcome.Applied outcome() {
        WorkItem item = WorkItem.create(
                new WorkItemId(new Ulid("01JQ0000000000000000000001")),
                new WorkItemKey(new ProjectKey("BF"), 7),
                "Persistence foundation",
                "why",
                WorkType.FEATURE,
                "manual",
                Optional.of("bf/BF-7"),
                Optional.empty(),
                Optional.of(new PullRequest("https://example.com/pr/7", PullRequest.State.OPEN)),
                List.of(new DoneCriterion("tests pass", true)),
                Optional.of(new PromptContext("./p.md", "text")),
                List.of(new WorkItemId(new Ulid("01JQ0000000000000000000002"))),
                AT);
        return new ActionOutcome.Applied(
                item,
                Action.START_EXECUTION,
                List.of(new GateVerdict(
                        Gate.LANE_TRANSITION,
                        false,
                        false,
                        Optional.of("c"),
                        Optional.empty(),
                        Optional.of("n"),
                        Optional.empty())),
                3);
    }

    static final String FORMAT_1 =
            "{\"format\":1,\"outcome\":{\"item\":{\"id\":{\"value\":{\"value\":\"01JQ0000000000000000000001\"}},"
                    + "\"key\":{\"project\":{\"value\":\"BF\"},\"number\":7},\"title\":\"Persistence foundation\","
                    + "\"description\":\"why\",\"workType\":\"FEATURE\",\"lane\":\"BACKLOG\",\"status\":\"todo\","
                    + "\"state\":\"open\",\"source\":\"manual\",\"branch\":\"bf/BF-7\",\"validationCommand\":null,"
                    + "\"pullRequest\":{\"url\":\"https://example.com/pr/7\",\"state\":\"OPEN\"},\"doneCriteria\":[{\"statement\":\"tests pass\","
                    + "\"met\":true}],\"promptContext\":{\"path\":\"./p.md\",\"text\":\"text\"},\"dependencies\":[{\"value\":{\"value\":\"01JQ0000000000000000000002\"}}],"
                    + "\"blockedReason\":null,\"lastValidation\":null,\"createdAt\":\"2026-11-22T10:15:30.123456Z\","
                    + "\"updatedAt\":\"2026-11-22T10:15:30.123456Z\",\"version\":1},\"action\":\"START_EXECUTION\","
                    + "\"verdicts\":[{\"gate\":\"LANE_TRANSITION\",\"passed\":false,\"enforced\":false,\"cause\":\"c\","
                    + "\"policyContext\":null,\"nextStep\":\"n\",\"safeRetry\":null}],\"policyVersion\":3}}";

    static final String FORMAT_2 =
            "{\"format\":2,\"outcome\":{\"item\":{\"id\":{\"value\":{\"value\":\"01JQ0000000000000000000001\"}},"
                    + "\"key\":{\"project\":{\"value\":\"BF\"},\"number\":7},\"title\":\"Persistence foundation\","
                    + "\"description\":\"why\",\"workType\":\"FEATURE\",\"lane\":\"BACKLOG\","
                    + "\"source\":\"manual\",\"branch\":\"bf/BF-7\",\"validationCommand\":null,"
                    + "\"pullRequest\":{\"url\":\"https://example.com/pr/7\",\"state\":\"OPEN\"},\"doneCriteria\":[{\"statement\":\"tests pass\","
                    + "\"met\":true}],\"promptContext\":{\"path\":\"./p.md\",\"text\":\"text\"},\"dependencies\":[{\"value\":{\"value\":\"01JQ0000000000000000000002\"}}],"
                    + "\"blockedReason\":null,\"lastValidation\":null,\"createdAt\":\"2026-11-22T10:15:30.123456Z\","
                    + "\"updatedAt\":\"2026-11-22T10:15:30.123456Z\",\"version\":1},\"action\":\"START_EXECUTION\","
                    + "\"verdicts\":[{\"gate\":\"LANE_TRANSITION\",\"passed\":false,\"enforced\":false,\"cause\":\"c\","
                    + "\"policyContext\":null,\"nextStep\":\"n\",\"safeRetry\":null}],\"policyVersion\":3}}";

    @Test
    void format_2_is_stored_exactly_so_and_reads_back_equal() {
        assertEquals(FORMAT_2, JooqAppliedActions.write(outcome()));
        assertEquals(outcome(), JooqAppliedActions.read(FORMAT_2));
    }

    @Test
    void an_outcome_kept_in_format_1_by_an_earlier_build_still_replays() {
        assertEquals(outcome(), JooqAppliedActions.read(FORMAT_1));
    }

    @Test
    void an_outcome_from_a_newer_build_is_refused_rather_than_misread() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> JooqAppliedActions.read(FORMAT_2.replace("\"format\":2", "\"format\":3")));
        assertTrue(e.getMessage().contains("format 3"), e.getMessage());
    }

    @Test
    void a_row_that_is_not_a_stored_outcome_is_refused_with_what_is_wrong() {
        for (String broken :
                new String[] {"{}", "{\"format\":\"1\",\"outcome\":{}}", "{\"format\":1,\"outcome\":[]}"}) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> JooqAppliedActions.read(broken), broken);
            assertTrue(e.getMessage().contains("no format or no item"), e.getMessage());
        }
    }
}
