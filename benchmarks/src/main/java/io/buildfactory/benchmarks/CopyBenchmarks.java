package io.buildfactory.benchmarks;

import io.buildfactory.application.audit.AuditService;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.copy.DatabaseCopy;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code copy} suite: a SQLite database of about 1 GB at scale 1.0 (audit entries and telemetry events, the
 * tables that grow) copied into PostgreSQL by {@link DatabaseCopy}, beside {@code psql \copy} loading the same
 * rows (exported from the copy) into a fresh schema of the same server in the same run.
 */
final class CopyBenchmarks {

    private CopyBenchmarks() {}

    static List<Measure> suite(String postgres, double scale) throws Exception {
        int auditEntries = (int) (600_000 * scale);
        int events = (int) (1_100_000 * scale);
        try (BenchDatabase source = BenchDatabase.open("sqlite");
                BenchDatabase target = BenchDatabase.open(postgres)) {
            double loading = AuditBenchmarks.load(source, auditEntries);
            long start = System.nanoTime();
            JooqTelemetryRepository telemetry = new JooqTelemetryRepository(source.database, Bench.CLOCK, Bench.ids(9));
            TelemetryEvent[] all = Events.make(events);
            for (int i = 0; i < all.length; i += 10_000) {
                telemetry.insertAll(Arrays.asList(all).subList(i, Math.min(all.length, i + 10_000)));
            }
            all = null;
            loading += (System.nanoTime() - start) / 1e9;
            Path file = source.settings.sqliteFile().orElseThrow();
            source.database.dialect().scrubFreedPages(); // the WAL checkpointed: the file holds every row
            long bytes = Files.size(file);
            System.out.printf(
                    "SQLite source: %,d audit entries and %,d telemetry events, %,.0f MB, loaded in %.0f s%n",
                    auditEntries, events, bytes / 1e6, loading);

            DatabaseCopy.Report report = new DatabaseCopy(source.database, target.database, Bench.CLOCK, Bench.ids(11))
                    .run(false, new DatabaseCopy.Listener() {});
            if (!report.equal()) {
                throw new IllegalStateException(
                        "the copy differs: " + report.mismatch().orElseThrow());
            }
            long verifyStart = System.nanoTime();
            var chain = new AuditService(new JooqAuditRepository(target.database, Bench.CLOCK)).verifyAsSystem();
            double auditSeconds = (System.nanoTime() - verifyStart) / 1e9;
            if (!chain.intact() || chain.entries() != auditEntries) {
                throw new IllegalStateException("the copied chain does not verify: " + chain);
            }
            double copySeconds = report.copying().toNanos() / 1e9;
            double compareSeconds = report.verifying().toNanos() / 1e9;
            System.out.printf(
                    "db copy: %,d rows copied in %.1f s, compared in %.1f s, audit chain verified in %.1f s%n",
                    report.rows(), copySeconds, compareSeconds, auditSeconds);

            double reference = psqlCopy(target, postgres, List.of("audit_events", "telemetry_events"));
            double rows = auditEntries + (double) events;
            return List.of(
                    Measure.beside(
                                    "PostgreSQL",
                                    "db copy from a " + Math.round(bytes / 1e6)
                                            + " MB SQLite file, rows/s copied (ref: psql \\copy, same rows)",
                                    report.rows() / copySeconds,
                                    reference)
                            .print("rows/s"),
                    Measure.beside(
                                    "PostgreSQL",
                                    "db copy, rows/s with the row-by-row comparison (ref: psql \\copy, same rows)",
                                    report.rows() / (copySeconds + compareSeconds),
                                    reference)
                            .print("rows/s"),
                    Measure.beside(
                                    "PostgreSQL",
                                    "db copy, rows/s of the whole command, audit verify included (ref: psql \\copy)",
                                    rows / (copySeconds + compareSeconds + auditSeconds),
                                    reference)
                            .print("rows/s"));
        }
    }

    /**
     * Rows per second {@code psql \copy} loads {@code tables} into a fresh schema, from files of the rows {@code
     * copied} holds (written by {@code \copy … TO} beforehand, not timed).
     */
    private static double psqlCopy(BenchDatabase copied, String postgres, List<String> tables) throws Exception {
        Path dir = Files.createTempDirectory("bf-bench-copy-");
        try (BenchDatabase fresh = BenchDatabase.open(postgres)) {
            long rows = 0;
            for (String table : tables) {
                Bench.psql(copied, "\\copy " + table + " TO '" + dir.resolve(table) + "'");
                try (var lines = Files.lines(dir.resolve(table))) {
                    rows += lines.count();
                }
            }
            long start = System.nanoTime();
            for (String table : tables) {
                Bench.psql(fresh, "\\copy " + table + " FROM '" + dir.resolve(table) + "'");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("psql \\copy: %,d rows in %.1f s = %,.0f rows/s%n", rows, seconds, rows / seconds);
            return rows / seconds;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
