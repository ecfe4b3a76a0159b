package io.buildfactory.application.system.port.in;

import java.util.List;

/** Whether the service can do its work now: database reachable and schema current. */
public interface CheckReadinessUseCase {

    Readiness check();

    record Readiness(
            boolean ready, String database, String schemaVersion, List<String> pendingMigrations, String problem) {}
}
