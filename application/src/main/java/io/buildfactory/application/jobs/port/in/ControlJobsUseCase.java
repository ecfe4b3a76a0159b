package io.buildfactory.application.jobs.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobId;

/** Operators cancel queued jobs and retry failed or dead ones; both are audited. */
public interface ControlJobsUseCase {

    Job cancel(Actor actor, JobId id);

    Job retry(Actor actor, JobId id);
}
