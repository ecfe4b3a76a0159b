package io.buildfactory.application.system.port.out;

import java.util.List;

/** What the database says about itself: reachable, and whether its schema is current. */
public interface DatabaseStatus {

    /** Probes the database. Never throws: an unreachable database is a report, not an error. */
    Report probe();

    record Report(
            boolean reachable, String vendor, String schemaVersion, List<String> pendingMigrations, String problem) {

        public boolean schemaCurrent() {
            return reachable && pendingMigrations.isEmpty();
        }
    }
}
