package io.buildfactory.application.jobs;

import io.buildfactory.domain.jobs.Job;
import java.util.Optional;

/** The work of one job type. Throwing fails the attempt; the queue retries with backoff. */
public interface JobHandler {

    String type();

    /** @return a JSON object to keep as the job's result, if any */
    Optional<String> handle(Job job) throws Exception;
}
