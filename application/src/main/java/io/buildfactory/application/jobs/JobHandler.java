package io.buildfactory.application.jobs;

import io.buildfactory.domain.jobs.Job;
import java.util.Optional;

/** The work of one job type. Throwing fails the attempt; the queue retries with backoff. */
public interface JobHandler {

    String type();

    /** @return a JSON object to keep as the job's result, if any */
    Optional<String> handle(Job job) throws Exception;

    /** The work itself, for {@link #of}. */
    @FunctionalInterface
    interface Work {
        Optional<String> run(Job job) throws Exception;
    }

    /** A handler for {@code type} that does {@code work}. */
    static JobHandler of(String type, Work work) {
        return new JobHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Optional<String> handle(Job job) throws Exception {
                return work.run(job);
            }
        };
    }
}
