package io.buildfactory.persistence.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.audit.AuditService;
import io.buildfactory.application.audit.HashChainedAuditTrail;
import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.audit.port.in.VerifyAuditChainUseCase.Verification;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database refuses changes to the log; changes made behind its back are found at the right entry. */
class AuditTamperTest extends OnBothEngines {

    AuditService audit;

    JooqAuditRepository repository;
    AuditTrail trail;

    @BeforeEach
    void tenEntries() {
        repository = new JooqAuditRepository(db.database(), Clock.systemUTC());
        trail = new HashChainedAuditTrail(
                repository,
                new JooqTransactionRunner(db.database()),
                new IdGenerator(Clock.systemUTC(), new Random(5)),
                Clock.systemUTC());
        record(1, 10);
        audit = new AuditService(repository);
    }

    /** Entries {@code from} to {@code to}, one work item each. */
    private void record(int from, int to) {
        for (int i = from; i <= to; i++) {
            trail.record(
                    new AuditTrail.Entry(
                            new AuditActor("alice"),
                            AuditAction.WORK_ITEM_START_EXECUTION,
                            new AuditTarget("work-item", Optional.of("wi-" + i)),
                            AuditOutcome.SUCCESS,
                            Map.of("i", Integer.toString(i))),
                    RequestContext.system("c-" + i));
        }
    }

    @Test
    void an_untouched_log_verifies_with_its_count_and_head() {
        Verification v = audit.verifyAsSystem();
        assertTrue(v.intact());
        assertEquals(10, v.entries());
        assertEquals(Optional.empty(), v.firstBroken());
    }

    @Test
    void the_application_connection_cannot_update_or_delete_entries() {
        var dsl = db.database().dsl();
        assertThrows(
                DataAccessException.class,
                () -> dsl.execute("UPDATE audit_events SET action = 'x' WHERE sequence = 3"));
        assertThrows(DataAccessException.class, () -> dsl.execute("DELETE FROM audit_events WHERE sequence = 3"));
        if (engine == Engine.POSTGRESQL) {
            assertThrows(DataAccessException.class, () -> dsl.execute("TRUNCATE audit_events"));
        }
        assertTrue(audit.verifyAsSystem().intact());
        assertEquals(10, audit.verifyAsSystem().entries());
    }

    @Test
    void an_altered_entry_is_found_at_its_sequence() throws SQLException {
        tamper("UPDATE audit_events SET action = 'work-item.complete' WHERE sequence = 5");
        Verification v = audit.verifyAsSystem();
        assertFalse(v.intact());
        assertEquals(Optional.of(5L), v.firstBroken());
        assertEquals(4, v.entries());
        assertTrue(v.problem().orElseThrow().contains("altered"), v.problem().orElseThrow());
    }

    @Test
    void a_deleted_entry_is_found_at_its_sequence() throws SQLException {
        tamper("DELETE FROM audit_events WHERE sequence = 7");
        Verification v = audit.verifyAsSystem();
        assertEquals(Optional.of(7L), v.firstBroken());
        assertTrue(v.problem().orElseThrow().contains("missing"), v.problem().orElseThrow());
    }

    @Test
    void reordered_entries_are_found_at_the_first_moved_one() throws SQLException {
        tamper("UPDATE audit_events SET sequence = 1000 WHERE sequence = 3");
        tamper("UPDATE audit_events SET sequence = 3 WHERE sequence = 4");
        tamper("UPDATE audit_events SET sequence = 4 WHERE sequence = 1000");
        Verification v = audit.verifyAsSystem();
        assertEquals(Optional.of(3L), v.firstBroken());
    }

    @Test
    void a_log_of_several_batches_verifies_whole_and_an_entry_altered_in_a_late_batch_is_found() throws SQLException {
        new JooqTransactionRunner(db.database()).inTransaction(() -> record(11, 4_500));
        Verification whole = audit.verifyAsSystem();
        assertTrue(whole.intact(), whole.toString());
        assertEquals(4_500, whole.entries(), "read ahead batch after batch, none skipped");
        assertEquals(repository.head().orElseThrow().hash(), whole.headHash());

        tamper("UPDATE audit_events SET actor = 'mallory' WHERE sequence = 4321");
        Verification v = audit.verifyAsSystem();
        assertEquals(Optional.of(4_321L), v.firstBroken());
        assertEquals(4_320, v.entries());
    }

    /** What someone with direct database access could do: lift the protection and change rows. */
    private void tamper(String sql) throws SQLException {
        try (Connection c = db.rawConnection();
                Statement s = c.createStatement()) {
            if (engine == Engine.SQLITE) {
                s.execute("DROP TRIGGER IF EXISTS audit_events_no_update");
                s.execute("DROP TRIGGER IF EXISTS audit_events_no_delete");
            } else {
                s.execute("ALTER TABLE audit_events DISABLE TRIGGER USER");
            }
            s.executeUpdate(sql);
        }
    }
}
