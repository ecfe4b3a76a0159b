package io.buildfactory.application.jobs;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.jobs.port.in.ControlJobsUseCase;
import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.application.jobs.port.in.QueryJobsUseCase;
import io.buildfactory.application.jobs.port.out.JobRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobId;
import io.buildfactory.domain.jobs.JobState;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Enqueueing (for use cases), and what operators may see and do with jobs. */
public final class JobService implements EnqueueJobUseCase, QueryJobsUseCase, ControlJobsUseCase {

    private final JobRepository jobs;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;

    public JobService(
            JobRepository jobs, TransactionRunner transactions, AuditTrail audit, IdGenerator ids, Clock clock) {
        this.jobs = jobs;
        this.transactions = transactions;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Job enqueue(NewJob request) {
        return transactions.inTransaction(() -> {
            if (request.uniqueKey().isPresent()) {
                Optional<Job> live =
                        jobs.findLiveByUniqueKey(request.uniqueKey().get());
                if (live.isPresent()) {
                    return live.get();
                }
            }
            Instant now = clock.instant();
            Job job = Job.enqueue(
                    new JobId(ids.next()),
                    request.type(),
                    request.payloadJson(),
                    request.priority(),
                    request.runAt().orElse(now),
                    request.maxAttempts(),
                    request.uniqueKey(),
                    request.correlationId(),
                    now);
            if (!jobs.insert(job)) {
                // another enqueue of the same key got there first: hand back that job
                return jobs.findLiveByUniqueKey(request.uniqueKey().orElseThrow())
                        .orElseThrow(() -> ConflictException.duplicate("live job", "uniqueKey"));
            }
            return job;
        });
    }

    @Override
    public Page<Job> list(Actor actor, Optional<String> type, Optional<JobState> state, PageRequest page) {
        actor.require(Permissions.JOB_READ);
        return jobs.list(type, state, page);
    }

    @Override
    public Job get(Actor actor, JobId id) {
        actor.require(Permissions.JOB_READ);
        return jobs.findById(id).orElseThrow(() -> new NotFoundException("job", id));
    }

    @Override
    public java.util.Map<JobState, Long> countWatched() {
        java.util.Map<JobState, Long> counts = new java.util.EnumMap<>(JobState.class);
        WATCHED.forEach(state -> counts.put(state, 0L));
        counts.putAll(jobs.countByState(WATCHED));
        return counts;
    }

    @Override
    public Job cancel(Actor actor, JobId id) {
        return control(actor, id, AuditAction.JOB_CANCEL, job -> job.cancel(clock.instant()));
    }

    @Override
    public Job retry(Actor actor, JobId id) {
        return control(actor, id, AuditAction.JOB_RETRY, job -> job.retry(clock.instant()));
    }

    private Job control(Actor actor, JobId id, AuditAction action, UnaryOperator<Job> change) {
        actor.require(Permissions.JOB_MANAGE);
        return transactions.inTransaction(() -> {
            Job job = jobs.findById(id).orElseThrow(() -> new NotFoundException("job", id));
            Job changed = jobs.update(change.apply(job));
            audit.success(
                    actor,
                    action,
                    AuditTarget.job(id),
                    Map.of("type", job.type(), "from", job.state().code()));
            return changed;
        });
    }
}
