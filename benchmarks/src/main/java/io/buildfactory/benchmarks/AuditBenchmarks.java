package io.buildfactory.benchmarks;

import io.buildfactory.application.audit.AuditService;
import io.buildfactory.application.audit.HashChainedAuditTrail;
import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditEventId;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.audit.AuditRecord;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Audit appends from concurrent writers, and verification of a long chain. */
final class AuditBenchmarks {

    private AuditBenchmarks() {}

    static void appends(String target, int writers, int perWriter) throws Exception {
        try (BenchDatabase db = BenchDatabase.open(target)) {
            JooqAuditRepository repository = new JooqAuditRepository(db.database, Bench.CLOCK);
            AuditTrail trail = new HashChainedAuditTrail(
                    repository, new JooqTransactionRunner(db.database), Bench.ids(2), Bench.CLOCK);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            long start = System.nanoTime();
            Future<?>[] done = new Future<?>[writers];
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done[w] = pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        trail.record(
                                new AuditTrail.Entry(
                                        new AuditActor("writer-" + writer),
                                        AuditAction.WORK_ITEM_START_EXECUTION,
                                        new AuditTarget("work-item", Optional.of("wi-" + i)),
                                        AuditOutcome.SUCCESS,
                                        Map.of("lane", "in-progress")),
                                RequestContext.system("b"));
                    }
                });
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            int total = writers * perWriter;
            System.out.printf(
                    "%s audit appends, %d concurrent writers: %,d entries in %.1f s = %,.0f appends/s%n",
                    db.name, writers, total, seconds, total / seconds);
        }
    }

    /** The {@code audit} suite: {@code audit verify} over {@code entries} entries beside the 500,000/s goal. */
    static java.util.List<Measure> suite(String target, int entries) throws Exception {
        double rate = verify(target, entries);
        return java.util.List.of(Measure.beside(
                        target.equals("sqlite") ? "SQLite" : "PostgreSQL",
                        "audit verify, entries/s (ref: the 500,000/s goal)",
                        rate,
                        500_000)
                .print("entries/s"));
    }

    /** Appends {@code entries} chained entries, 10,000 to a transaction. @return the seconds it took */
    static double load(BenchDatabase db, int entries) {
        JooqAuditRepository repository = new JooqAuditRepository(db.database, Bench.CLOCK);
        IdGenerator ids = Bench.ids(3);
        JooqTransactionRunner transactions = new JooqTransactionRunner(db.database);
        Optional<AuditEvent> previous = Optional.empty();
        long loadStart = System.nanoTime();
        for (int done = 0; done < entries; ) {
            int chunk = Math.min(10_000, entries - done);
            Optional<AuditEvent> head = previous;
            previous = transactions.inTransaction(() -> {
                Optional<AuditEvent> last = head;
                for (int i = 0; i < chunk; i++) {
                    TreeMap<String, String> details = new TreeMap<>(Map.of("lane", "in-progress"));
                    AuditRecord record = new AuditRecord(
                            new AuditEventId(ids.next()),
                            Bench.CLOCK.instant(),
                            "alice",
                            "work-item.start-execution",
                            Optional.of("work-item"),
                            Optional.of("wi-BF-213"),
                            AuditOutcome.SUCCESS,
                            Optional.of("c"),
                            Optional.empty(),
                            Optional.empty(),
                            details);
                    AuditEvent event = AuditEvent.chain(record, last);
                    repository.append(event);
                    last = Optional.of(event);
                }
                return last;
            });
            done += chunk;
        }
        return (System.nanoTime() - loadStart) / 1e9;
    }

    static double verify(String target, int entries) throws Exception {
        try (BenchDatabase db = BenchDatabase.open(target)) {
            JooqAuditRepository repository = new JooqAuditRepository(db.database, Bench.CLOCK);
            double loadSeconds = load(db, entries);
            long start = System.nanoTime();
            var verdict = new AuditService(repository).verifyAsSystem();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!verdict.intact() || verdict.entries() != entries) {
                throw new IllegalStateException("unexpected verdict " + verdict);
            }
            System.out.printf(
                    "%s audit verify: %,d entries in %.1f s = %,.0f entries/s (loading them took %.1f s)%n",
                    db.name, entries, seconds, entries / seconds, loadSeconds);
            return entries / seconds;
        }
    }
}
