package io.buildfactory.application.telemetry;

import io.buildfactory.application.telemetry.port.out.TelemetryRepository;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.telemetry.IngestionWarning;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryEventId;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** A telemetry store in memory that can be switched off (an outage) or made to hang (a slow database). */
final class InMemoryTelemetryRepository implements TelemetryRepository {

    final Map<TelemetryEventId, TelemetryEvent> stored = new LinkedHashMap<>();
    final List<IngestionWarning> warnings = new ArrayList<>();
    volatile boolean down;
    volatile CountDownLatch gate = new CountDownLatch(0);
    /** Counted down when a writer has entered insertAll (and so holds its batch). */
    final CountDownLatch entered = new CountDownLatch(1);

    volatile int batches;
    /** Events the "database" refuses as data: a batch holding one fails whole, as a transaction would. */
    volatile java.util.function.Predicate<TelemetryEvent> refuses = e -> false;

    @Override
    public synchronized int insertAll(List<TelemetryEvent> events) {
        entered.countDown();
        awaitGate();
        if (down) {
            throw new IllegalStateException("database unavailable");
        }
        if (events.stream().anyMatch(refuses)) {
            throw new RefusedException("CHECK constraint failed", null);
        }
        batches++;
        int inserted = 0;
        for (TelemetryEvent e : events) {
            if (stored.putIfAbsent(e.id(), e) == null) {
                inserted++;
            }
        }
        return inserted;
    }

    private void awaitGate() {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized int size() {
        return stored.size();
    }

    @Override
    public Optional<TelemetryEvent> findById(TelemetryEventId id) {
        return Optional.ofNullable(stored.get(id));
    }

    @Override
    public Page<TelemetryEvent> find(TelemetryQuery query, PageRequest page) {
        return new Page<>(List.copyOf(stored.values()), Optional.empty());
    }

    @Override
    public int deleteOlderThan(Instant before, int limit) {
        return 0;
    }

    @Override
    public synchronized void recordWarnings(List<IngestionWarning> list) {
        if (down) {
            throw new IllegalStateException("database unavailable");
        }
        warnings.addAll(list);
    }

    @Override
    public synchronized List<IngestionWarning> recentWarnings(int limit) {
        return List.copyOf(warnings);
    }
}
