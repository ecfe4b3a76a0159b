package io.buildfactory.application.telemetry.port.in;

/** Deletes telemetry older than the retention age, in bounded batches. */
public interface PruneTelemetryUseCase {

    /** @return how many events were deleted */
    long prune();
}
