package io.buildfactory.application.jobs.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobId;
import io.buildfactory.domain.jobs.JobState;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Optional;

public interface QueryJobsUseCase {

    Page<Job> list(Actor actor, Optional<String> type, Optional<JobState> state, PageRequest page);

    Job get(Actor actor, JobId id);

    /** The states an operator watches: waiting, running, and failed or dead (they need a person). */
    java.util.Set<JobState> WATCHED =
            java.util.EnumSet.of(JobState.QUEUED, JobState.RUNNING, JobState.FAILED, JobState.DEAD);

    /** How many jobs are in each {@link #WATCHED} state, none left out: for the server's own metrics. */
    java.util.Map<JobState, Long> countWatched();
}
