package io.buildfactory.application.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.system.port.in.CheckReadinessUseCase.Readiness;
import io.buildfactory.application.system.port.out.DatabaseStatus.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessServiceTest {

    @Test
    void ready_when_reachable_and_nothing_is_pending() {
        Readiness r = new ReadinessService(() -> new Report(true, "sqlite", "3", List.of(), null)).check();
        assertTrue(r.ready());
        assertEquals("3", r.schemaVersion());
    }

    @Test
    void pending_migrations_make_it_not_ready_and_say_how_many() {
        Readiness r = new ReadinessService(() -> new Report(true, "postgresql", "1", List.of("2", "3"), null)).check();
        assertFalse(r.ready());
        assertEquals("schema is not current: 2 migration(s) pending", r.problem());
    }

    @Test
    void an_unreachable_database_is_not_ready_and_keeps_the_reason() {
        Readiness r = new ReadinessService(() -> new Report(
                        false,
                        "postgresql",
                        "none",
                        List.of(),
                        "database unreachable: SQLTransientConnectionException"))
                .check();
        assertFalse(r.ready());
        assertEquals("database unreachable: SQLTransientConnectionException", r.problem());
    }
}
