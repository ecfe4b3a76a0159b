package io.buildfactory.application.telemetry;

import io.buildfactory.application.telemetry.port.in.TelemetryCounts;
import io.buildfactory.application.telemetry.port.out.TelemetryEmitter;
import io.buildfactory.application.telemetry.port.out.TelemetryRepository;
import io.buildfactory.domain.telemetry.IngestionWarning;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The durable telemetry sink. The server's own events ({@link #emit}) and client batches ({@link #offerAll}) have
 * separate budgets in one queue, so a client flood can only fill the client budget: the server's events still
 * fit. {@code emit} never blocks and never throws; with its budget spent, the newest server event is dropped and
 * counted. A client batch is taken whole or refused whole before anything is acknowledged, so nothing the caller
 * was told is accepted is ever dropped.
 *
 * <p>One writer thread drains the queue in batches, many events per transaction. A transient failure (the
 * database down or unreachable) keeps the batch and retries with backoff; a permanent one (the database refuses
 * the data) splits the batch until the refused events stand alone, writes the rest, and rejects each refused
 * event with a warning. Every event taken in ends up counted once: written, dropped or rejected.
 */
public final class BufferedTelemetrySink implements TelemetryEmitter, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BufferedTelemetrySink.class.getName());
    /** A failing writer is logged when it starts failing, then at most this often while it goes on. */
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    /**
     * @param capacity server events the queue holds; @param clientCapacity client events it holds besides;
     * @param batchSize events per transaction at most
     */
    public record Settings(
            int capacity,
            int clientCapacity,
            int batchSize,
            Duration maxBackoff,
            Duration drainTimeout,
            Duration stalledAfter) {

        public static final Settings DEFAULT =
                new Settings(65_536, 32_768, 2_000, Duration.ofSeconds(5), Duration.ofSeconds(10));

        public Settings {
            if (capacity < 1 || clientCapacity < 1 || batchSize < 1) {
                throw new IllegalArgumentException("capacities and batch size must be positive");
            }
            if (stalledAfter == null || stalledAfter.isNegative() || stalledAfter.isZero()) {
                throw new IllegalArgumentException("stalledAfter must be a positive duration");
            }
        }

        /** @param stalledAfter not given: a writer is called stalled once the oldest waiting event is 30 s old */
        public Settings(int capacity, int clientCapacity, int batchSize, Duration maxBackoff, Duration drainTimeout) {
            this(capacity, clientCapacity, batchSize, maxBackoff, drainTimeout, Duration.ofSeconds(30));
        }

        public Settings withCapacities(int server, int client) {
            return new Settings(server, client, batchSize, maxBackoff, drainTimeout, stalledAfter);
        }

        public Settings withStalledAfter(Duration after) {
            return new Settings(capacity, clientCapacity, batchSize, maxBackoff, drainTimeout, after);
        }
    }

    /** Where an event came from: each origin has its own budget in the queue. */
    private enum Origin {
        SERVER,
        CLIENT
    }

    private record Queued(TelemetryEvent event, Origin origin, Instant enqueuedAt) {}

    private final TelemetryRepository repository;
    private final Clock clock;
    private final Settings settings;
    private final Consumer<List<TelemetryEvent>> onCommitted;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Semaphore serverRoom;
    private final Semaphore clientRoom;
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong dropsToRecord = new AtomicLong();
    private final Map<String, AtomicLong> rejectedByReason = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<IngestionWarning> warningsToRecord = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private final Thread watchdog;
    /** When the oldest event the writer holds (out of the queue, not yet written) was queued; null when none. */
    private volatile Instant holdingSince;

    private volatile boolean running = true;
    /** Once closing: the System.nanoTime() past which nothing more is attempted; a timeout, not a time of day. */
    private volatile long stopBy;
    /** Client rooms reserved and not yet closed: the writer does not stop while one may still be filled. */
    private final AtomicInteger openRooms = new AtomicInteger();
    // Written by the writer thread only.
    private Instant failingSince;
    private Instant lastFailureWarning;
    private long refusedSinceWarning;
    private Instant lastRefusalWarning;

    public BufferedTelemetrySink(TelemetryRepository repository, Clock clock, Settings settings) {
        this(repository, clock, settings, committed -> {});
    }

    /** @param onCommitted told of each batch once its transaction committed (tests and benchmarks count them) */
    public BufferedTelemetrySink(
            TelemetryRepository repository,
            Clock clock,
            Settings settings,
            Consumer<List<TelemetryEvent>> onCommitted) {
        this.repository = repository;
        this.clock = clock;
        this.settings = settings;
        this.onCommitted = onCommitted;
        this.serverRoom = new Semaphore(settings.capacity());
        this.clientRoom = new Semaphore(settings.clientCapacity());
        this.writer = new Thread(this::drainLoop, "telemetry-writer");
        this.writer.setDaemon(true);
        this.writer.start();
        // A writer stuck inside the database (no error, no answer) cannot say so itself: this one watches for it.
        this.watchdog = new Thread(this::watchForStall, "telemetry-watchdog");
        this.watchdog.setDaemon(true);
        this.watchdog.start();
    }

    /** A server event: queued if its budget has room, else dropped and counted. Never blocks, never throws. */
    @Override
    public void emit(TelemetryEvent event) {
        try {
            emitted.incrementAndGet();
            if (event == null) {
                reject("null-event", Optional.empty(), Optional.empty(), "emit(null)");
            } else if (!running || !serverRoom.tryAcquire()) {
                dropped.incrementAndGet();
                dropsToRecord.incrementAndGet();
            } else {
                queue.add(new Queued(event, Origin.SERVER, clock.instant()));
            }
        } catch (Throwable unexpected) {
            // Telemetry must never break the action it describes; an error here is counted, not thrown.
            rejectedByReason
                    .computeIfAbsent("emit-failure", r -> new AtomicLong())
                    .incrementAndGet();
            rejected.incrementAndGet();
        }
    }

    /**
     * A client batch, taken whole or not at all. @return false when the client budget has no room for all of it
     * (or the sink is closing): nothing was taken, and the caller must say so instead of acknowledging
     */
    public boolean offerAll(List<TelemetryEvent> events) {
        Optional<ClientRoom> room = reserve(events.size());
        try (ClientRoom held = room.orElse(null)) {
            if (held == null) {
                return false;
            }
            held.fill(events);
            return true;
        }
    }

    /**
     * Room in the client budget for up to {@code events} events, held until {@link ClientRoom#fill} or close;
     * empty (and the events counted as refused) when the budget cannot hold them all. Reserving before the batch
     * is validated lets a refused batch cost the server almost nothing.
     */
    public Optional<ClientRoom> reserve(int events) {
        openRooms.incrementAndGet(); // before looking at running: a writer that saw no open room saw us refuse
        if (!running || !clientRoom.tryAcquire(events)) {
            openRooms.decrementAndGet();
            refused.addAndGet(events);
            return Optional.empty();
        }
        return Optional.of(new ClientRoom(events));
    }

    /** Reserved room for one client batch; what {@link #fill} does not use is freed on close. */
    public final class ClientRoom implements AutoCloseable {

        private int unused;
        private boolean closed;

        private ClientRoom(int reserved) {
            this.unused = reserved;
        }

        /** Queues the events, which must fit the room reserved. */
        public void fill(List<TelemetryEvent> events) {
            if (events.size() > unused) {
                throw new IllegalArgumentException(events.size() + " events for room of " + unused);
            }
            unused -= events.size();
            Instant now = clock.instant();
            emitted.addAndGet(events.size());
            for (TelemetryEvent event : events) {
                queue.add(new Queued(event, Origin.CLIENT, now));
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                clientRoom.release(unused);
                unused = 0;
                openRooms.decrementAndGet();
            }
        }
    }

    /** Counts an event that failed validation before it could be emitted (e.g. from a client batch). */
    public void rejectInvalid(String reason, Optional<String> eventId, Optional<String> eventType, String detail) {
        emitted.incrementAndGet();
        reject(reason, eventId, eventType, detail);
    }

    private void reject(String reason, Optional<String> eventId, Optional<String> eventType, String detail) {
        rejectedByReason.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        rejected.incrementAndGet();
        warningsToRecord.add(
                new IngestionWarning(reason, 1, eventId, eventType, Optional.ofNullable(detail), clock.instant()));
    }

    public TelemetryCounts stats() {
        Map<String, Long> reasons = new TreeMap<>();
        rejectedByReason.forEach((reason, count) -> reasons.put(reason, count.get()));
        return new TelemetryCounts(
                emitted.get(),
                written.get(),
                dropped.get(),
                rejected.get(),
                refused.get(),
                reasons,
                queue.size(),
                writeFailures.get(),
                settings.capacity(),
                settings.clientCapacity(),
                oldestQueuedAge());
    }

    /** How long the oldest event not yet written has waited; zero when nothing waits. */
    private Duration oldestQueuedAge() {
        Instant oldest = holdingSince;
        Queued head = queue.peek();
        if (head != null && (oldest == null || head.enqueuedAt().isBefore(oldest))) {
            oldest = head.enqueuedAt();
        }
        if (oldest == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(oldest, clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
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
        stopBy = System.nanoTime() + settings.drainTimeout().toNanos();
        running = false;
        watchdog.interrupt();
        try {
            writer.join(settings.drainTimeout().plusSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One WARN when the oldest waiting event passes {@code stalledAfter} (whether the writer is failing or hanging
     * without an answer), then at most one a minute while it stays so.
     */
    private void watchForStall() {
        long checkEvery = Math.max(10, Math.min(5_000, settings.stalledAfter().toMillis() / 4));
        Instant lastWarning = null;
        while (running) {
            try {
                Thread.sleep(checkEvery);
            } catch (InterruptedException e) {
                return;
            }
            try {
                Duration oldest = oldestQueuedAge();
                Instant now = clock.instant();
                // throttled by time alone: a backlog hovering around the threshold still warns once a minute
                if (oldest.compareTo(settings.stalledAfter()) > 0
                        && (lastWarning == null || !now.isBefore(lastWarning.plus(WARN_EVERY)))) {
                    lastWarning = now;
                    LOG.log(
                            Level.WARNING,
                            "telemetry writer stalled: the oldest waiting event is " + oldest.toSeconds() + " s old, "
                                    + queue.size() + " events queued, " + writeFailures.get()
                                    + " failed writes so far");
                }
            } catch (RuntimeException unexpected) {
                // the watchdog must outlive anything it looks at
                LOG.log(Level.ERROR, "telemetry watchdog check failed", unexpected);
            }
        }
    }

    private void drainLoop() {
        List<Queued> batch = new ArrayList<>(settings.batchSize());
        while (running || !queue.isEmpty() || openRooms.get() > 0) {
            try {
                Queued first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, settings.batchSize() - 1);
                    take(batch);
                    store(batch.stream().map(Queued::event).toList());
                    holdingSince = null;
                    batch.clear();
                }
                recordWarnings();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException unexpected) {
                writeFailures.incrementAndGet(); // keep the writer alive whatever happens
                LOG.log(
                        Level.ERROR,
                        "telemetry writer lost a batch of " + batch.size() + " to an unexpected failure",
                        unexpected);
                dropped.addAndGet(batch.size());
                holdingSince = null;
                batch.clear();
            }
        }
        recordWarnings();
    }

    /** The batch is the writer's now: its room in the queue is free again, and its age is the oldest held. */
    private void take(List<Queued> batch) {
        holdingSince = batch.getFirst().enqueuedAt();
        int server = 0;
        for (Queued q : batch) {
            if (q.origin() == Origin.SERVER) {
                server++;
            }
        }
        serverRoom.release(server);
        clientRoom.release(batch.size() - server);
    }

    /**
     * Writes {@code events}; a batch the database refuses is halved until each refused event stands alone and is
     * rejected, so one bad event costs about log2(batch) extra statements and stalls nothing behind it.
     */
    private void store(List<TelemetryEvent> events) throws InterruptedException {
        try {
            insertRetrying(events);
        } catch (TelemetryRepository.RefusedException refusal) {
            if (events.size() == 1) {
                TelemetryEvent bad = events.getFirst();
                reject(
                        "refused-by-database",
                        Optional.of(bad.id().toString()),
                        Optional.of(bad.eventType().value()),
                        refusal.getMessage());
                warnRefused();
                return;
            }
            int half = events.size() / 2;
            store(events.subList(0, half));
            store(events.subList(half, events.size()));
        }
    }

    /** Inserts in one transaction, retrying transient failures with backoff; a refusal is thrown to the caller. */
    private void insertRetrying(List<TelemetryEvent> events) throws InterruptedException {
        long backoff = 50;
        while (true) {
            if (pastStopDeadline()) {
                dropAtShutdown(events, "the drain timeout passed");
                return;
            }
            int inserted;
            try {
                inserted = repository.insertAll(events);
            } catch (TelemetryRepository.RefusedException refusal) {
                recovered(); // the database answered: it is up
                throw refusal;
            } catch (RuntimeException outage) {
                writeFailures.incrementAndGet();
                warnFailing(outage);
                if (pastStopDeadline()) {
                    dropAtShutdown(events, rootCause(outage));
                    return;
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
                continue;
            }
            recovered();
            counted(events, inserted);
            onCommitted.accept(events); // outside the retry: a failing listener must not write the batch twice
            return;
        }
    }

    private boolean pastStopDeadline() {
        return !running && System.nanoTime() - stopBy > 0;
    }

    private void dropAtShutdown(List<TelemetryEvent> events, String why) {
        dropped.addAndGet(events.size());
        warningsToRecord.add(new IngestionWarning(
                "database-unavailable-at-shutdown",
                events.size(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(why),
                clock.instant()));
        LOG.log(Level.WARNING, "telemetry writer dropped " + events.size() + " events at shutdown: " + why);
    }

    /** Counts a committed batch: by reason first, totals last, so whoever sees the totals add up sees the reasons. */
    private void counted(List<TelemetryEvent> events, int inserted) {
        int duplicates = events.size() - inserted;
        if (duplicates > 0) {
            rejectedByReason
                    .computeIfAbsent("duplicate-id", r -> new AtomicLong())
                    .addAndGet(duplicates);
            rejected.addAndGet(duplicates);
            warningsToRecord.add(new IngestionWarning(
                    "duplicate-id",
                    duplicates,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("ids already stored; kept the first"),
                    clock.instant()));
        }
        written.addAndGet(inserted);
    }

    /** One WARN when the writer starts failing, then one a minute while it goes on; not one per attempt. */
    private void warnFailing(RuntimeException outage) {
        Instant now = clock.instant();
        if (failingSince == null) {
            failingSince = now;
        } else if (lastFailureWarning != null && now.isBefore(lastFailureWarning.plus(WARN_EVERY))) {
            return;
        }
        lastFailureWarning = now;
        LOG.log(
                Level.WARNING,
                "telemetry writer cannot write, retrying with backoff: failing for "
                        + Duration.between(failingSince, now).toSeconds() + " s, " + queue.size()
                        + " events queued, oldest "
                        + oldestQueuedAge().toSeconds() + " s old; cause: " + rootCause(outage));
    }

    /** The innermost cause in one short line: the driver's words, not the statement's text. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + ": " + (message.length() > 300 ? message.substring(0, 300) : message);
    }

    private void recovered() {
        if (failingSince != null) {
            LOG.log(
                    Level.INFO,
                    "telemetry writer recovered after "
                            + Duration.between(failingSince, clock.instant()).toSeconds() + " s");
            failingSince = null;
            lastFailureWarning = null;
        }
    }

    /** One WARN per minute at most for events the database refused, with how many since the last one. */
    private void warnRefused() {
        refusedSinceWarning++;
        Instant now = clock.instant();
        if (lastRefusalWarning != null && now.isBefore(lastRefusalWarning.plus(WARN_EVERY))) {
            return;
        }
        LOG.log(
                Level.WARNING,
                "telemetry: the database refused " + refusedSinceWarning + " event(s); they are"
                        + " rejected with the reason refused-by-database (see GET /api/telemetry/stats), the rest are written");
        lastRefusalWarning = now;
        refusedSinceWarning = 0;
    }

    private void recordWarnings() {
        List<IngestionWarning> pending = new ArrayList<>();
        long drops = dropsToRecord.getAndSet(0);
        if (drops > 0) {
            pending.add(new IngestionWarning(
                    "queue-full",
                    drops,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("the newest events were dropped"),
                    clock.instant()));
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
