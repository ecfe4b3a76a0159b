package io.buildfactory.domain.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.shared.Ulid;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    final Random random = new Random(11);

    AuditRecord record(String action, TreeMap<String, String> details) {
        return new AuditRecord(
                new AuditEventId(Ulid.generate(T0, random)),
                T0,
                "system",
                action,
                Optional.empty(),
                Optional.empty(),
                AuditOutcome.SUCCESS,
                Optional.of("c-1"),
                Optional.empty(),
                Optional.empty(),
                details);
    }

    @Test
    void the_first_entry_chains_to_the_genesis_hash_and_the_next_to_it() {
        AuditEvent first = AuditEvent.chain(record("a", new TreeMap<>()), Optional.empty());
        AuditEvent second = AuditEvent.chain(record("b", new TreeMap<>()), Optional.of(first));
        assertEquals(1, first.sequence());
        assertEquals(AuditEvent.GENESIS, first.prevHash());
        assertEquals(2, second.sequence());
        assertEquals(first.hash(), second.prevHash());
        assertTrue(first.isIntact() && second.isIntact());
    }

    @Test
    void changing_any_part_of_an_entry_breaks_its_hash() {
        TreeMap<String, String> details = new TreeMap<>();
        details.put("count", "1");
        AuditEvent event = AuditEvent.chain(record("a", details), Optional.empty());
        TreeMap<String, String> altered = new TreeMap<>(details);
        altered.put("count", "2");
        AuditRecord r = event.record();
        AuditRecord tampered = new AuditRecord(
                r.id(),
                r.occurredAt(),
                r.actor(),
                r.action(),
                r.targetType(),
                r.targetId(),
                r.outcome(),
                r.correlationId(),
                r.clientAddress(),
                r.userAgent(),
                altered);
        assertFalse(new AuditEvent(tampered, event.sequence(), event.prevHash(), event.hash()).isIntact());
        assertFalse(new AuditEvent(r, event.sequence() + 1, event.prevHash(), event.hash()).isIntact());
    }

    @Test
    void field_boundaries_are_part_of_the_hash() {
        TreeMap<String, String> ab = new TreeMap<>();
        ab.put("a", "bc");
        TreeMap<String, String> abc = new TreeMap<>();
        abc.put("ab", "c");
        AuditEvent one = AuditEvent.chain(record("x", ab), Optional.empty());
        AuditRecord r = one.record();
        AuditRecord shifted = new AuditRecord(
                r.id(),
                r.occurredAt(),
                r.actor(),
                r.action(),
                r.targetType(),
                r.targetId(),
                r.outcome(),
                r.correlationId(),
                r.clientAddress(),
                r.userAgent(),
                abc);
        assertNotEquals(one.hash(), AuditEvent.chain(shifted, Optional.empty()).hash());
    }

    @Test
    void the_canonical_bytes_are_fixed_so_that_every_stored_chain_still_verifies() {
        // Computed by the first implementation: a change to the canonical bytes would break every chain stored.
        AuditRecord r = new AuditRecord(
                new AuditEventId(io.buildfactory.domain.shared.Ulid.parse("id", "01KBGZQ7Z0AAAAAAAAAAAAAAAA")),
                Instant.parse("2026-11-22T08:00:00.123456Z"),
                "alice",
                "work-item.start-execution",
                Optional.of("work-item"),
                Optional.of("wi-BF-213"),
                AuditOutcome.SUCCESS,
                Optional.of("c-1"),
                Optional.empty(),
                Optional.of("curl/8 ü"),
                new TreeMap<>(java.util.Map.of("lane", "in-progress", "é", "日本")));
        assertEquals(
                "63a64d788f8cb13c39da47c3aadfa40d7d2c426450bd22b254a905f07b67ea6d",
                AuditEvent.chain(r, Optional.empty()).hash());
    }
}
