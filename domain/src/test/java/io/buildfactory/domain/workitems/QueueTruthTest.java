package io.buildfactory.domain.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueueTruthTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void consistent_signals_need_no_reconciliation_and_fresh_data_says_so() {
        WorkItem done = ControlPolicyTest.done(new Random(1));
        QueueTruth truth = QueueTruth.of(done, T0, T0);
        assertEquals("fresh", truth.freshness());
        assertEquals(0, truth.snapshotAgeSeconds());
        assertEquals(List.of(), truth.drift());
        assertEquals(List.of(QueueTruth.CONSISTENT), truth.guidance());
        assertEquals("stale", QueueTruth.of(done, T0, T0.plusSeconds(120)).freshness());
    }

    @Test
    void disagreeing_signals_are_each_reported_with_guidance() {
        WorkItem done = ControlPolicyTest.done(new Random(2));
        WorkItem drifted = new WorkItem(
                done.id(),
                done.key(),
                done.title(),
                done.description(),
                done.workType(),
                done.lane(),
                done.source(),
                done.branch(),
                done.validationCommand(),
                Optional.of(new PullRequest("https://example.com/pr/1", PullRequest.State.OPEN)),
                done.doneCriteria(),
                done.promptContext(),
                done.dependencies(),
                done.blockedReason(),
                Optional.of(new ValidationResult(false, List.of("branch recorded"), T0)),
                done.createdAt(),
                done.updatedAt(),
                done.version());
        QueueTruth truth = QueueTruth.of(drifted, T0, T0);
        assertEquals(
                List.of("pull-request", "validation"),
                truth.drift().stream().map(QueueTruth.Drift::signal).toList());
        assertEquals(
                "Lane is Done but the pull request is open.",
                truth.drift().get(0).finding());
        assertEquals(2, truth.guidance().size());
    }
}
