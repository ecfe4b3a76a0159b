package io.buildfactory.application.telemetry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.telemetry.port.in.TelemetryCounts;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.telemetry.EventType;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryEventId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferedTelemetrySinkTest {

    final InMemoryTelemetryRepository repository = new InMemoryTelemetryRepository();
    final IdGenerator ids = new IdGenerator(Clock.systemUTC(), new Random(8));
    BufferedTelemetrySink sink;

    BufferedTelemetrySink sink(int capacity) {
        return sink(capacity, 32_768);
    }

    BufferedTelemetrySink sink(int capacity, int clientCapacity) {
        sink = new BufferedTelemetrySink(
                repository,
                Clock.systemUTC(),
                new BufferedTelemetrySink.Settings(
                        capacity, clientCapacity, 100, Duration.ofMillis(100), Duration.ofSeconds(2)));
        return sink;
    }

    List<TelemetryEvent> events(int n) {
        return java.util.stream.Stream.generate(this::event).limit(n).toList();
    }

    @AfterEach
    void close() {
        if (sink != null) {
            sink.close();
        }
    }

    TelemetryEvent event() {
        return new TelemetryEvent(
                new TelemetryEventId(ids.next()),
                new EventType("action.test.tick"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "c",
                Instant.now(),
                1,
                "{\"n\":1}");
    }

    static void assertBalanced(TelemetryCounts c) {
        assertEquals(c.emitted(), c.written() + c.dropped() + c.rejected(), "every event counted once: " + c);
    }

    @Test
    void events_are_written_in_batches_and_flush_waits_for_them() {
        sink(10_000);
        for (int i = 0; i < 1_000; i++) {
            sink.emit(event());
        }
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        assertEquals(1_000, repository.size());
        assertTrue(repository.batches < 1_000, "many events per transaction: " + repository.batches + " batches");
        assertBalanced(sink.stats());
    }

    @Test
    void a_full_queue_drops_the_newest_events_counts_them_and_records_a_warning() {
        sink(10);
        repository.gate = new CountDownLatch(1); // the database hangs: nothing drains
        for (int i = 0; i < 200; i++) {
            sink.emit(event());
        }
        TelemetryCounts during = sink.stats();
        assertTrue(during.dropped() >= 200 - 10 - 100, "dropped " + during.dropped());
        repository.gate.countDown();
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        TelemetryCounts after = sink.stats();
        assertBalanced(after);
        assertEquals(after.written(), repository.size());
        sink.close();
        assertTrue(
                repository.warnings.stream()
                        .anyMatch(w -> w.reason().equals("queue-full") && w.count() == after.dropped()),
                repository.warnings.toString());
    }

    @Test
    void a_failing_database_never_reaches_the_caller_and_writing_resumes_after_recovery() {
        sink(10_000);
        repository.down = true;
        for (int i = 0; i < 300; i++) {
            TelemetryEvent e = event();
            assertDoesNotThrow(() -> sink.emit(e));
        }
        assertTrue(!sink.flush(Duration.ofMillis(300)), "nothing can be written while the database is down");
        assertTrue(sink.stats().writeFailures() > 0);
        repository.down = false;
        assertTrue(sink.flush(Duration.ofSeconds(10)), "the writer resumed by itself");
        assertEquals(300, repository.size());
        assertBalanced(sink.stats());
    }

    @Test
    void duplicate_ids_are_stored_once_and_counted_as_rejected() {
        sink(1_000);
        TelemetryEvent e = event();
        sink.emit(e);
        sink.emit(e);
        sink.emit(e);
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        assertEquals(1, repository.size());
        assertEquals(2, sink.stats().rejectedByReason().get("duplicate-id"));
        assertBalanced(sink.stats());
    }

    @Test
    void invalid_events_and_null_are_counted_with_their_reason_never_thrown() {
        sink(1_000);
        assertDoesNotThrow(() -> sink.emit(null));
        sink.rejectInvalid("invalid-eventType", Optional.of("id-1"), Optional.of("metrics.cpu"), "bad namespace");
        assertTrue(sink.flush(Duration.ofSeconds(5)));
        TelemetryCounts c = sink.stats();
        assertEquals(2, c.rejected());
        assertEquals(1, c.rejectedByReason().get("null-event"));
        assertBalanced(c);
        sink.close();
        assertTrue(repository.warnings.stream()
                .anyMatch(w ->
                        w.reason().equals("invalid-eventType") && w.eventId().equals(Optional.of("id-1"))));
    }

    @Test
    void closing_drains_what_is_queued() {
        sink(10_000);
        List<TelemetryEvent> events =
                java.util.stream.Stream.generate(this::event).limit(2_000).toList();
        events.forEach(sink::emit);
        sink.close();
        assertEquals(2_000, repository.size());
        sink.emit(event());
        assertEquals(1, sink.stats().dropped(), "after close, events are dropped and counted, not thrown");
    }

    @Test
    void a_client_batch_is_taken_whole_or_refused_whole_and_a_refusal_loses_nothing_acknowledged()
            throws InterruptedException {
        sink(1_000, 150);
        repository.gate = new CountDownLatch(1); // the database hangs
        sink.emit(event());
        // the writer takes that event and hangs on it in the database: nothing drains now
        assertTrue(repository.entered.await(5, TimeUnit.SECONDS), "the writer never took the first event");
        List<TelemetryEvent> first = events(100);
        assertTrue(sink.offerAll(first));
        List<TelemetryEvent> second = events(100);
        assertTrue(!sink.offerAll(second), "50 places left do not hold 100 events");
        TelemetryCounts during = sink.stats();
        assertEquals(100, during.refused());
        assertEquals(101, during.emitted(), "a refused batch was never taken in");
        repository.gate.countDown();
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        assertEquals(101, repository.size(), "everything acknowledged is written");
        assertTrue(
                second.stream().noneMatch(e -> repository.stored.containsKey(e.id())), "nothing of the refused batch");
        assertTrue(sink.offerAll(second), "once drained, the same batch fits");
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        assertEquals(201, repository.size());
        assertBalanced(sink.stats());
    }

    @Test
    void a_client_flood_never_crowds_out_the_servers_own_events() {
        sink(1_000, 200);
        repository.gate = new CountDownLatch(1);
        int refusals = 0;
        for (int i = 0; i < 50; i++) {
            refusals += sink.offerAll(events(100)) ? 0 : 1;
        }
        assertTrue(refusals >= 47, "the client budget holds two or three batches: " + refusals + " refused");
        List<TelemetryEvent> server = events(900);
        server.forEach(sink::emit);
        assertEquals(0, sink.stats().dropped(), "the server's budget is its own");
        repository.gate.countDown();
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        assertTrue(server.stream().allMatch(e -> repository.stored.containsKey(e.id())), "every server event written");
        assertBalanced(sink.stats());
    }

    @Test
    void a_refused_event_is_rejected_alone_and_the_rest_of_its_batch_is_written() {
        sink(10_000);
        List<TelemetryEvent> batch = new java.util.ArrayList<>(events(100));
        TelemetryEvent poison = event();
        batch.set(37, poison);
        repository.refuses = e -> e.id().equals(poison.id());
        assertTrue(sink.offerAll(batch));
        assertTrue(sink.flush(Duration.ofSeconds(10)), "the refused event does not stall the writer");
        assertEquals(99, repository.size());
        assertEquals(1, sink.stats().rejectedByReason().get("refused-by-database"));
        assertEquals(0, sink.stats().writeFailures(), "a refusal is not retried as if the database were down");
        assertBalanced(sink.stats());
    }

    @Test
    void the_age_of_the_oldest_waiting_event_shows_a_stalled_writer() throws InterruptedException {
        sink(1_000);
        assertEquals(Duration.ZERO, sink.stats().oldestQueuedAge());
        repository.gate = new CountDownLatch(1);
        sink.emit(event());
        Thread.sleep(300);
        assertTrue(
                sink.stats().oldestQueuedAge().compareTo(Duration.ofMillis(250)) >= 0,
                "held by a stuck writer: " + sink.stats().oldestQueuedAge());
        repository.gate.countDown();
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!sink.stats().oldestQueuedAge().isZero()) { // the writer lets go of its batch just after counting it
            assertTrue(System.nanoTime() < deadline, "nothing waits once all is written");
            Thread.onSpinWait();
        }
    }

    @Test
    void closing_while_the_database_is_down_gives_up_at_the_drain_timeout_and_counts_what_it_dropped() {
        sink(10_000);
        repository.down = true;
        events(150).forEach(sink::emit);
        long start = System.nanoTime();
        sink.close();
        assertTrue(
                System.nanoTime() - start < Duration.ofSeconds(4).toNanos(),
                "close waits the 2 s drain timeout, no more");
        TelemetryCounts after = sink.stats();
        assertEquals(150, after.dropped(), "what could not be written is counted as dropped: " + after);
        assertBalanced(after);
        assertTrue(sink.flush(Duration.ofMillis(100)), "nothing is left in flight");
    }

    @Test
    void a_writer_hanging_without_an_error_is_named_in_one_warning() throws InterruptedException {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(BufferedTelemetrySink.class.getName());
        log.addHandler(capture);
        try {
            sink = new BufferedTelemetrySink(
                    repository,
                    Clock.systemUTC(),
                    new BufferedTelemetrySink.Settings(1_000, 1_000, 100, Duration.ofMillis(100), Duration.ofSeconds(2))
                            .withStalledAfter(Duration.ofMillis(200)));
            repository.gate = new CountDownLatch(1); // the database takes the batch and never answers
            sink.emit(event());
            Thread.sleep(1_000);
            List<String> warnings = logged.stream()
                    .filter(r -> r.getLevel() == Level.WARNING)
                    .map(LogRecord::getMessage)
                    .toList();
            assertEquals(1, warnings.size(), "one warning for the stall, not one per check: " + warnings);
            assertTrue(warnings.getFirst().contains("stalled"), warnings.getFirst());
            assertEquals(0, sink.stats().writeFailures(), "no error was ever raised: only the watchdog could tell");
            repository.gate.countDown();
            assertTrue(sink.flush(Duration.ofSeconds(5)));
        } finally {
            log.removeHandler(capture);
        }
    }
}
