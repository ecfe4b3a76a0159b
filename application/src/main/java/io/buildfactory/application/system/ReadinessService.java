package io.buildfactory.application.system;

import io.buildfactory.application.system.port.in.CheckReadinessUseCase;
import io.buildfactory.application.system.port.out.DatabaseStatus;

public final class ReadinessService implements CheckReadinessUseCase {

    private final DatabaseStatus database;

    public ReadinessService(DatabaseStatus database) {
        this.database = database;
    }

    @Override
    public Readiness check() {
        DatabaseStatus.Report report = database.probe();
        String problem = report.problem();
        if (problem == null && !report.pendingMigrations().isEmpty()) {
            problem = "schema is not current: " + report.pendingMigrations().size() + " migration(s) pending";
        }
        return new Readiness(
                report.schemaCurrent(), report.vendor(), report.schemaVersion(), report.pendingMigrations(), problem);
    }
}
