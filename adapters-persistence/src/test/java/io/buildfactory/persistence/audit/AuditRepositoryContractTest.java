package io.buildfactory.persistence.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditEventId;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.audit.AuditRecord;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import io.buildfactory.persistence.testing.Paging;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditRepositoryContractTest extends OnBothEngines {

    JooqAuditRepository audit;

    @BeforeEach
    void repository() {
        audit = new JooqAuditRepository(db.database(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    }

    AuditEvent append(String actor, String action, AuditOutcome outcome, Instant at, String correlation) {
        TreeMap<String, String> details = new TreeMap<>();
        details.put("lane", "ready → in-progress");
        details.put("attempt", "1");
        AuditRecord record = new AuditRecord(
                new AuditEventId(fixtures.id()),
                at,
                actor,
                action,
                Optional.of("work-item"),
                Optional.of("wi-BF-213"),
                outcome,
                Optional.of(correlation),
                Optional.of("10.0.0.1"),
                Optional.of("curl/8"),
                details);
        AuditEvent event = AuditEvent.chain(record, audit.head());
        audit.append(event);
        return event;
    }

    @Test
    void appended_entries_read_back_intact_and_chained() {
        AuditEvent first = append(
                "01JQ0000000000000000000001", "work-item.start-execution", AuditOutcome.SUCCESS, Fixtures.NOW, "c-1");
        AuditEvent second =
                append("system", "session.expire", AuditOutcome.SUCCESS, Fixtures.NOW.plusSeconds(1), "c-2");

        assertEquals(Optional.of(second), audit.head());
        List<AuditEvent> all = audit.readFrom(0, 10);
        assertEquals(List.of(first, second), all);
        assertTrue(all.stream().allMatch(AuditEvent::isIntact), "hashes still match after the round trip");
        assertEquals(first.hash(), second.prevHash());
    }

    @Test
    void a_sequence_number_is_taken_once() {
        AuditEvent first = append("system", "a", AuditOutcome.SUCCESS, Fixtures.NOW, "c");
        AuditRecord other = new AuditRecord(
                new AuditEventId(fixtures.id()),
                Fixtures.NOW,
                "system",
                "b",
                Optional.empty(),
                Optional.empty(),
                AuditOutcome.SUCCESS,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                new TreeMap<>());
        AuditEvent fork = AuditEvent.chain(other, Optional.empty());
        assertEquals(first.sequence(), fork.sequence());
        assertThrows(ConflictException.class, () -> audit.append(fork));
    }

    @Test
    void filters_select_by_actor_action_prefix_outcome_time_and_correlation() {
        AuditEvent a = append("alice", "work-item.start-execution", AuditOutcome.SUCCESS, Fixtures.NOW, "c-1");
        AuditEvent b =
                append("bob", "work-item.request-review", AuditOutcome.DENIED, Fixtures.NOW.plusSeconds(10), "c-2");
        AuditEvent c = append("alice", "auth.login", AuditOutcome.FAILED, Fixtures.NOW.plusSeconds(20), "c-3");

        AuditQuery all = AuditQuery.all();
        assertEquals(
                List.of(a, c),
                audit.find(
                                new AuditQuery(
                                        Optional.of("alice"),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty()),
                                PageRequest.first(10))
                        .items());
        assertEquals(
                List.of(a, b),
                audit.find(
                                new AuditQuery(
                                        Optional.empty(),
                                        Optional.of("work-item."),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty()),
                                PageRequest.first(10))
                        .items());
        assertEquals(
                List.of(b),
                audit.find(
                                new AuditQuery(
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of(AuditOutcome.DENIED),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty()),
                                PageRequest.first(10))
                        .items());
        assertEquals(
                List.of(b),
                audit.find(
                                new AuditQuery(
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of(Fixtures.NOW.plusSeconds(5)),
                                        Optional.of(Fixtures.NOW.plusSeconds(15)),
                                        Optional.empty()),
                                PageRequest.first(10))
                        .items());
        assertEquals(
                List.of(c),
                audit.find(
                                new AuditQuery(
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of("work-item"),
                                        Optional.of("wi-BF-213"),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of("c-3")),
                                PageRequest.first(10))
                        .items());
        assertEquals(3, audit.find(all, PageRequest.first(10)).items().size());
    }

    @Test
    void pages_walk_the_log_in_sequence_order() {
        List<AuditEvent> appended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            appended.add(append("system", "tick", AuditOutcome.SUCCESS, Fixtures.NOW.plusSeconds(i), "c"));
        }
        assertEquals(appended, Paging.all(2, page -> audit.find(AuditQuery.all(), page)));
        assertEquals(appended.subList(3, 5), audit.readFrom(3, 10));
    }
}
