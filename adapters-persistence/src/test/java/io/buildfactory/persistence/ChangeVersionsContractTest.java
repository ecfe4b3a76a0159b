package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.application.shared.port.out.ChangeVersions;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.OnBothEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The work version moves after every committed write to a table it watches, whichever repository makes it, and
 * for nothing else; inside a transaction nothing may be served from memory.
 */
class ChangeVersionsContractTest extends OnBothEngines {

    JooqChangeVersions versions;
    JooqProjectRepository projects;

    @BeforeEach
    void wire() {
        versions = new JooqChangeVersions(db.database());
        projects = new JooqProjectRepository(db.database());
        // a committed write in a transaction: on PostgreSQL it returns once its notifications are heard, so the
        // listener is live and has nothing older still to deliver
        ChangeFeedContractTest.live(versions::work);
        db.database().transaction(() -> {
            projects.insert(fixtures.project("WARM"));
            return null;
        });
    }

    @Test
    void a_committed_write_to_a_watched_table_moves_the_version_before_it_returns() {
        long before = versions.work();
        projects.insert(fixtures.project("BF"));
        long afterInsert = versions.work();
        assertNotEquals(before, afterInsert, "moved by the time the insert returned");
        db.database().transaction(() -> {
            projects.insert(fixtures.project("OPS"));
            return null;
        });
        assertNotEquals(afterInsert, versions.work(), "moved by the time the transaction returned");
    }

    @Test
    void a_rollback_or_a_write_elsewhere_moves_nothing() {
        long before = versions.work();
        assertThrows(
                IllegalStateException.class,
                () -> db.database().transaction(() -> {
                    projects.insert(fixtures.project("BF"));
                    throw new IllegalStateException("fault after the write");
                }));
        assertEquals(before, versions.work(), "nothing committed, nothing moved");
        db.database().transaction(() -> {
            new JooqUserRepository(db.database()).insert(fixtures.user());
            return null;
        });
        assertEquals(before, versions.work(), "users are not what the work pages read");
    }

    @Test
    void inside_a_transaction_nothing_is_served_from_memory() {
        db.database().transaction(() -> {
            assertEquals(ChangeVersions.UNKNOWN, versions.work());
            assertEquals(ChangeVersions.UNKNOWN, versions.principals());
            assertEquals(ChangeVersions.UNKNOWN, versions.principalsAndWork());
            return null;
        });
        assertNotEquals(ChangeVersions.UNKNOWN, versions.principalsAndWork());
    }
}
