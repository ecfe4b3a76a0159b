package io.buildfactory.application.telemetry.port.out;

import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.telemetry.IngestionWarning;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryEventId;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The durable telemetry sink. */
public interface TelemetryRepository {

    /**
     * Stores a batch in one transaction, all or nothing; ids already stored are skipped. @return how many were new
     * @throws RefusedException when the database refuses the data itself (a permanent fault: retrying the same
     *     events fails the same way); any other failure is transient (the database down or unreachable)
     */
    int insertAll(List<TelemetryEvent> events);

    Optional<TelemetryEvent> findById(TelemetryEventId id);

    /** Matching events in id (time) order; the cursor is an event id. */
    Page<TelemetryEvent> find(TelemetryQuery query, PageRequest page);

    /** Removes at most {@code limit} events that happened before {@code before}. @return how many */
    int deleteOlderThan(Instant before, int limit);

    /** Records what was not stored and why. */
    void recordWarnings(List<IngestionWarning> warnings);

    /** The most recent warnings, newest first. */
    List<IngestionWarning> recentWarnings(int limit);

    /** The database refused the data (a constraint, an invalid value): nothing of the batch was stored. */
    final class RefusedException extends RuntimeException {

        public RefusedException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
