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
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferedTelemetrySinkTest {

    final InMemoryTelemetryRepository repository = new InMemoryTelemetryRepository();
    final IdGenerator ids = new IdGenerator(Clock.systemUTC(), new Random(8));
    BufferedTelemetrySink sink;

    BufferedTelemetrySink sink(int capacity) {
        sink = new BufferedTelemetrySink(repository, Clock.systemUTC(),
                new BufferedTelemetrySink.Settings(capacity, 100, Duration.ofMillis(100), Duration.ofSeconds(2)),
                committed -> { });
        return sink;
    }

    @AfterEach
    void close() {
        if (sink != null) {
            sink.close();
        }
    }

    TelemetryEvent event() {
        return new TelemetryEvent(new TelemetryEventId(ids.next()), new EventType("action.test.tick"), Optional.empty(),
                Optional.empty(), Optional.empty(), "c", Instant.now(), 1, "{\"n\":1}");
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
        assertTrue(repository.warnings.stream().anyMatch(w -> w.reason().equals("queue-full")
                && w.count() == after.dropped()), repository.warnings.toString());
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
        assertTrue(repository.warnings.stream().anyMatch(w -> w.reason().equals("invalid-eventType")
                && w.eventId().equals(Optional.of("id-1"))));
    }

    @Test
    void closing_drains_what_is_queued() {
        sink(10_000);
        List<TelemetryEvent> events = java.util.stream.Stream.generate(this::event).limit(2_000).toList();
        events.forEach(sink::emit);
        sink.close();
        assertEquals(2_000, repository.size());
        sink.emit(event());
        assertEquals(1, sink.stats().dropped(), "after close, events are dropped and counted, not thrown");
    }
}
