package io.buildfactory.application.telemetry;

import io.buildfactory.application.telemetry.port.in.TelemetryCounts;
import io.buildfactory.application.telemetry.port.out.TelemetryEmitter;
import io.buildfactory.application.telemetry.port.out.TelemetryRepository;
import io.buildfactory.domain.telemetry.IngestionWarning;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The durable telemetry sink. {@link #emit} puts the event in a bounded queue and returns at once: it never
 * blocks and never throws. One writer thread drains the queue in batches, many events per transaction. When the
 * queue is full the newest events are dropped and counted; when the database is down the writer keeps the batch
 * and retries with backoff. Every emitted event ends up counted once: written, dropped or rejected.
 */
public final class BufferedTelemetrySink implements TelemetryEmitter, AutoCloseable {

    /** @param capacity events the queue holds; @param batchSize events per transaction at most */
    public record Settings(int capacity, int batchSize, Duration maxBackoff, Duration drainTimeout) {

        public static final Settings DEFAULT =
                new Settings(65_536, 2_000, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private final TelemetryRepository repository;
    private final Clock clock;
    private final Settings settings;
    private final Consumer<List<TelemetryEvent>> onCommitted;
    private final ArrayBlockingQueue<TelemetryEvent> queue;
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong dropsToRecord = new AtomicLong();
    private final Map<String, AtomicLong> rejectedByReason = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<IngestionWarning> warningsToRecord = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    public BufferedTelemetrySink(TelemetryRepository repository, Clock clock, Settings settings,
                                 Consumer<List<TelemetryEvent>> onCommitted) {
        this.repository = repository;
        this.clock = clock;
        this.settings = settings;
        this.onCommitted = onCommitted;
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.writer = new Thread(this::drainLoop, "telemetry-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public void emit(TelemetryEvent event) {
        try {
            emitted.incrementAndGet();
            if (event == null) {
                reject("null-event", Optional.empty(), Optional.empty(), "emit(null)");
            } else if (!running || !queue.offer(event)) {
                dropped.incrementAndGet();
                dropsToRecord.incrementAndGet();
            }
        } catch (Throwable unexpected) {
            // Telemetry must never break the action it describes; an error here is counted, not thrown.
            rejected.incrementAndGet();
            rejectedByReason.computeIfAbsent("emit-failure", r -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Counts an event that failed validation before it could be emitted (e.g. from a client batch). */
    public void rejectInvalid(String reason, Optional<String> eventId, Optional<String> eventType, String detail) {
        emitted.incrementAndGet();
        reject(reason, eventId, eventType, detail);
    }

    private void reject(String reason, Optional<String> eventId, Optional<String> eventType, String detail) {
        rejected.incrementAndGet();
        rejectedByReason.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        warningsToRecord.add(new IngestionWarning(reason, 1, eventId, eventType, Optional.ofNullable(detail),
                clock.instant()));
    }

    public TelemetryCounts stats() {
        Map<String, Long> reasons = new TreeMap<>();
        rejectedByReason.forEach((reason, count) -> reasons.put(reason, count.get()));
        return new TelemetryCounts(emitted.get(), written.get(), dropped.get(), rejected.get(), reasons, queue.size(),
                writeFailures.get(), settings.capacity());
    }

    /** Waits until everything emitted so far is written, dropped or rejected. @return whether it got there in time */
    public boolean flush(Duration timeout) {
        long target = emitted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (written.get() + dropped.get() + rejected.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Stops taking events, writes what is queued (waiting for the database up to the drain timeout), then stops. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(settings.drainTimeout().plusSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainLoop() {
        List<TelemetryEvent> batch = new ArrayList<>(settings.batchSize());
        Instant stopBy = null;
        while (running || !queue.isEmpty()) {
            if (!running && stopBy == null) {
                stopBy = Instant.now().plus(settings.drainTimeout());
            }
            try {
                TelemetryEvent first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, settings.batchSize() - 1);
                    write(batch, stopBy);
                    batch.clear();
                }
                recordWarnings();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException unexpected) {
                writeFailures.incrementAndGet(); // keep the writer alive whatever happens
            }
        }
        recordWarnings();
    }

    /** Writes the batch, retrying with backoff while the database is unavailable. */
    private void write(List<TelemetryEvent> batch, Instant stopBy) throws InterruptedException {
        long backoff = 50;
        while (true) {
            try {
                int inserted = repository.insertAll(batch);
                written.addAndGet(inserted);
                int duplicates = batch.size() - inserted;
                if (duplicates > 0) {
                    rejected.addAndGet(duplicates);
                    rejectedByReason.computeIfAbsent("duplicate-id", r -> new AtomicLong()).addAndGet(duplicates);
                    warningsToRecord.add(new IngestionWarning("duplicate-id", duplicates, Optional.empty(),
                            Optional.empty(), Optional.of("ids already stored; kept the first"), clock.instant()));
                }
                onCommitted.accept(batch);
                return;
            } catch (RuntimeException outage) {
                writeFailures.incrementAndGet();
                Instant deadline = running ? null : (stopBy == null ? Instant.now() : stopBy);
                if (deadline != null && Instant.now().isAfter(deadline)) {
                    dropped.addAndGet(batch.size());
                    warningsToRecord.add(new IngestionWarning("database-unavailable-at-shutdown", batch.size(),
                            Optional.empty(), Optional.empty(), Optional.of(outage.getClass().getSimpleName()),
                            clock.instant()));
                    return;
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
    }

    private void recordWarnings() {
        List<IngestionWarning> pending = new ArrayList<>();
        long drops = dropsToRecord.getAndSet(0);
        if (drops > 0) {
            pending.add(new IngestionWarning("queue-full", drops, Optional.empty(), Optional.empty(),
                    Optional.of("the newest events were dropped"), clock.instant()));
        }
        for (IngestionWarning w; pending.size() < 1_000 && (w = warningsToRecord.poll()) != null; ) {
            pending.add(w);
        }
        if (pending.isEmpty()) {
            return;
        }
        try {
            repository.recordWarnings(pending);
        } catch (RuntimeException e) {
            // The database is down: keep them for the next round.
            pending.stream().filter(w -> !w.reason().equals("queue-full")).forEach(warningsToRecord::add);
            dropsToRecord.addAndGet(drops);
        }
    }
}
