package io.buildfactory.application.jobs.port.in;

import io.buildfactory.domain.jobs.Job;
import java.time.Instant;
import java.util.Optional;

/**
 * Queues work for the workers. Called by other use cases inside their transaction: the job exists only if the
 * change that asked for it commits. There is deliberately no HTTP route for it.
 */
public interface EnqueueJobUseCase {

    /** With a unique key, a live job of the same key is returned instead of a second one. */
    Job enqueue(NewJob job);

    record NewJob(
            String type,
            String payloadJson,
            int priority,
            Optional<Instant> runAt,
            int maxAttempts,
            Optional<String> uniqueKey,
            Optional<String> correlationId) {

        /** A job the service asks for itself, of no request. */
        public NewJob(
                String type,
                String payloadJson,
                int priority,
                Optional<Instant> runAt,
                int maxAttempts,
                Optional<String> uniqueKey) {
            this(type, payloadJson, priority, runAt, maxAttempts, uniqueKey, Optional.empty());
        }

        public static NewJob of(String type, String payloadJson) {
            return new NewJob(type, payloadJson, 0, Optional.empty(), 5, Optional.empty());
        }

        /** The same job, asked for by the request with {@code correlationId}. */
        public NewJob askedBy(String correlationId) {
            return new NewJob(type, payloadJson, priority, runAt, maxAttempts, uniqueKey, Optional.of(correlationId));
        }
    }
}
