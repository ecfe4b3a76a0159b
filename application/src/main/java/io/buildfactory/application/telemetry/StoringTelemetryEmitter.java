package io.buildfactory.application.telemetry;

import io.buildfactory.application.telemetry.port.out.TelemetryEmitter;
import io.buildfactory.application.telemetry.port.out.TelemetryRepository;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes each event straight to the telemetry store, in the caller's transaction when there is one. A failure
 * is counted and reported, never thrown. (The buffered, batching sink replaces this for throughput.)
 */
public final class StoringTelemetryEmitter implements TelemetryEmitter {

    private final TelemetryRepository repository;
    private final Consumer<RuntimeException> onFailure;
    private final AtomicLong failures = new AtomicLong();

    public StoringTelemetryEmitter(TelemetryRepository repository, Consumer<RuntimeException> onFailure) {
        this.repository = repository;
        this.onFailure = onFailure;
    }

    @Override
    public void emit(TelemetryEvent event) {
        try {
            repository.insertAll(List.of(event));
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            try {
                onFailure.accept(e);
            } catch (RuntimeException ignored) {
                // reporting must not throw either
            }
        }
    }

    public long failures() {
        return failures.get();
    }
}
