package io.buildfactory.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.port.in.EnforceRetentionUseCase;
import io.buildfactory.application.identity.port.in.SweepExpiredSessionsUseCase;
import io.buildfactory.application.jobs.JobHandler;
import io.buildfactory.application.jobs.JobService;
import io.buildfactory.application.jobs.JobWorkerPool;
import io.buildfactory.application.jobs.RecurringSchedules;
import io.buildfactory.application.jobs.port.in.ControlJobsUseCase;
import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.application.jobs.port.in.QueryJobsUseCase;
import io.buildfactory.application.jobs.port.out.JobRepository;
import io.buildfactory.application.orchestration.port.in.ExecuteAssignmentsUseCase;
import io.buildfactory.application.orchestration.port.in.ReviewWorkUseCase;
import io.buildfactory.application.orchestration.port.in.StartRunUseCase;
import io.buildfactory.application.orchestration.port.in.StartRunUseCase.HandOff;
import io.buildfactory.application.repositories.port.in.HoldLeaseUseCase;
import io.buildfactory.application.repositories.port.in.SyncMirrorsUseCase;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.PruneTelemetryUseCase;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.RetryPolicy;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.workitems.WorkItemKey;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The job queue, its workers, and the service's own maintenance as recurring jobs. */
@Module
interface JobsModule {

    String SESSION_SWEEP = "session.sweep";
    String TELEMETRY_PRUNE = "telemetry.prune";
    String JOBS_PRUNE = "jobs.prune";
    String EXECUTIONS_REAP = "executions.reap";
    String APPROVALS_EXPIRE = "approvals.expire";
    String LEASES_EXPIRE = "leases.expire";
    String CONVERSATION_RETENTION = "conversations.retention";
    /** At most this many mirrors are synced by one run of the sync job; the rest wait for the next. */
    int MIRROR_BATCH = 50;
    /** At most this many conversations are purged in one run; the rest wait for the next. */
    int RETENTION_BATCH = 1_000;

    @Provides
    @Singleton
    static JobService jobService(
            JobRepository jobs, TransactionRunner transactions, AuditTrail audit, IdGenerator ids, Clock clock) {
        return new JobService(jobs, transactions, audit, ids, clock);
    }

    @Binds
    EnqueueJobUseCase enqueue(JobService service);

    @Binds
    QueryJobsUseCase queryJobs(JobService service);

    @Binds
    ControlJobsUseCase controlJobs(JobService service);

    @Provides
    @Singleton
    static List<JobHandler> handlers(
            SweepExpiredSessionsUseCase sweep,
            PruneTelemetryUseCase telemetry,
            EnforceRetentionUseCase retention,
            ExecuteAssignmentsUseCase executions,
            ReviewWorkUseCase reviews,
            HoldLeaseUseCase leases,
            SyncMirrorsUseCase mirrors,
            StartRunUseCase runs,
            ObjectMapper json,
            JobRepository jobs,
            Clock clock,
            AppConfig config) {
        return List.of(
                handler(CONVERSATION_RETENTION, job -> {
                    EnforceRetentionUseCase.Run run = retention.enforce(RETENTION_BATCH);
                    return "{\"examined\":" + run.examined() + ",\"purged\":" + run.purged() + ",\"exchanges\":"
                            + run.exchangesPurged() + ",\"more\":" + run.more() + "}";
                }),
                handler(SESSION_SWEEP, job -> "{\"ended\":" + sweep.sweep(500) + "}"),
                handler(EXECUTIONS_REAP, job -> "{\"lost\":" + executions.reapLost() + "}"),
                handler(APPROVALS_EXPIRE, job -> "{\"expired\":" + reviews.expireOverdue() + "}"),
                handler(LEASES_EXPIRE, job -> "{\"expired\":" + leases.recordExpiries() + "}"),
                handler(SyncMirrorsUseCase.JOB, job -> {
                    SyncMirrorsUseCase.Report report = mirrors.syncDue(MIRROR_BATCH);
                    return "{\"synced\":" + report.synced() + ",\"failed\":" + report.failed() + ",\"lost\":"
                            + report.lost() + "}";
                }),
                JobHandler.of(StartRunUseCase.HANDOFF_JOB, job -> {
                    JsonNode payload = json.readTree(job.payloadJson());
                    HandOff handoff = new HandOff(
                            payload.path("key").asText(),
                            CardId.parse(payload.path("card").asText()),
                            UserId.parse(payload.path("startedBy").asText()),
                            WorkItemKey.parse(payload.path("workItem").asText()));
                    RequestContext request = RequestContext.system(
                            job.correlationId().orElse(job.id().toString()));
                    return Optional.of(runs.handOff(handoff, request)
                            .map(run -> "{\"run\":\"" + run.id() + "\"}")
                            .orElse("{\"skipped\":\"the card is gone: there is nothing to build\"}"));
                }),
                handler(TELEMETRY_PRUNE, job -> "{\"deleted\":" + telemetry.prune() + "}"),
                handler(JOBS_PRUNE, job -> {
                    long deleted = 0;
                    int batch;
                    do {
                        batch = jobs.deleteFinishedBefore(clock.instant().minus(config.jobRetention()), 5_000);
                        deleted += batch;
                    } while (batch == 5_000);
                    return "{\"deleted\":" + deleted + "}";
                }));
    }

    private static JobHandler handler(String type, java.util.function.Function<Job, String> work) {
        return JobHandler.of(type, job -> Optional.of(work.apply(job)));
    }

    @Provides
    @Singleton
    static RecurringSchedules schedules(
            JobRepository jobs,
            EnqueueJobUseCase enqueue,
            TransactionRunner transactions,
            Clock clock,
            AppConfig config) {
        return new RecurringSchedules(
                List.of(
                        new RecurringSchedules.Schedule(SESSION_SWEEP, config.sweepInterval(), SESSION_SWEEP),
                        new RecurringSchedules.Schedule(TELEMETRY_PRUNE, Duration.ofHours(1), TELEMETRY_PRUNE),
                        new RecurringSchedules.Schedule(JOBS_PRUNE, Duration.ofHours(1), JOBS_PRUNE),
                        new RecurringSchedules.Schedule(EXECUTIONS_REAP, Duration.ofSeconds(30), EXECUTIONS_REAP),
                        new RecurringSchedules.Schedule(APPROVALS_EXPIRE, Duration.ofSeconds(60), APPROVALS_EXPIRE),
                        new RecurringSchedules.Schedule(LEASES_EXPIRE, Duration.ofSeconds(60), LEASES_EXPIRE),
                        new RecurringSchedules.Schedule(
                                SyncMirrorsUseCase.JOB, Duration.ofSeconds(30), SyncMirrorsUseCase.JOB),
                        new RecurringSchedules.Schedule(
                                CONVERSATION_RETENTION, Duration.ofHours(1), CONVERSATION_RETENTION)),
                jobs,
                enqueue,
                transactions,
                clock);
    }

    /** Started on first request: only {@code serve} asks for it. */
    @Provides
    @Singleton
    static JobWorkerPool workers(
            JobRepository jobs, List<JobHandler> handlers, Telemetry telemetry, Clock clock, AppConfig config) {
        return new JobWorkerPool(
                config.serving().instance(),
                jobs,
                handlers,
                telemetry,
                clock,
                RetryPolicy.DEFAULT,
                new SecureRandom(),
                new JobWorkerPool.Settings(
                        config.jobWorkers(),
                        config.jobClaim(),
                        Duration.ofMillis(500),
                        config.serving().shutdownGrace()));
    }
}
