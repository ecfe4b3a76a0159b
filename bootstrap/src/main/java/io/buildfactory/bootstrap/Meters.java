package io.buildfactory.bootstrap;

import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.identity.UserId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * What {@code /metrics} shows besides HTTP and the connection pool: the JVM, the telemetry sink's counts, and the
 * service's own actions, counted where every context already reports them (the audit trail and the telemetry
 * port), so that no use case knows about metrics. Prometheus names: {@code bf_audit_entries_total{action,outcome}}
 * (login failures are {@code action="auth.login",outcome="failed"}, lockouts {@code outcome="denied"}, lease grants
 * and refusals {@code action="lease.acquire"}), {@code bf_events_total{type}}, {@code bf_job_runs_seconds{type,
 * outcome}} and {@code bf_telemetry_*}.
 */
final class Meters {

    private Meters() {}

    /** The JVM's own meters: memory, garbage collection, threads, classes, CPU, uptime, open files. */
    static void bindJvm(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry); // listens to the JVM's collections for as long as it runs
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The sink's counts, read when scraped: what was emitted, written, dropped, rejected and refused, the queue. */
    static void bindTelemetrySink(BufferedTelemetrySink sink, MeterRegistry registry) {
        counter(
                registry,
                sink,
                "bf.telemetry.emitted",
                "Telemetry events emitted.",
                s -> s.stats().emitted());
        counter(
                registry,
                sink,
                "bf.telemetry.written",
                "Telemetry events committed to the database.",
                s -> s.stats().written());
        counter(
                registry,
                sink,
                "bf.telemetry.dropped",
                "Telemetry events dropped (queue full or database down at shutdown).",
                s -> s.stats().dropped());
        counter(
                registry,
                sink,
                "bf.telemetry.refused",
                "Client events answered 503 for want of queue room, never taken in.",
                s -> s.stats().refused());
        counter(
                registry,
                sink,
                "bf.telemetry.write.failures",
                "Failed attempts to write a batch.",
                s -> s.stats().writeFailures());
        Gauge.builder("bf.telemetry.queue.depth", sink, s -> s.stats().queued())
                .description("Events waiting to be written.")
                .register(registry);
        Gauge.builder(
                        "bf.telemetry.oldest.queued",
                        sink,
                        s -> s.stats().oldestQueuedAge().toMillis() / 1000.0)
                .description("Age of the oldest event not yet written.")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * {@code bf_jobs{state}}: jobs queued, running, failed and dead across every server on the database, counted
     * by one query at most every five seconds however many gauges and scrapers ask.
     */
    static void bindJobs(io.buildfactory.application.jobs.port.in.QueryJobsUseCase jobs, MeterRegistry registry) {
        JobCounts counts = new JobCounts(jobs);
        for (io.buildfactory.domain.jobs.JobState state :
                io.buildfactory.application.jobs.port.in.QueryJobsUseCase.WATCHED) {
            Gauge.builder("bf.jobs", counts, c -> c.of(state))
                    .description("Jobs in a state, across every server on the database.")
                    .tag("state", state.code())
                    .register(registry);
        }
    }

    /** The watched counts, read from the database when the last read is older than five seconds. */
    private static final class JobCounts {
        private final io.buildfactory.application.jobs.port.in.QueryJobsUseCase jobs;
        private java.util.Map<io.buildfactory.domain.jobs.JobState, Long> last = java.util.Map.of();
        private long readAt = Long.MIN_VALUE;

        JobCounts(io.buildfactory.application.jobs.port.in.QueryJobsUseCase jobs) {
            this.jobs = jobs;
        }

        synchronized double of(io.buildfactory.domain.jobs.JobState state) {
            long now = System.nanoTime();
            if (readAt == Long.MIN_VALUE || now - readAt > 5_000_000_000L) {
                try {
                    last = jobs.countWatched();
                } catch (RuntimeException databaseDown) {
                    return Double.NaN; // unknown, not zero: Prometheus shows a gap
                }
                readAt = now;
            }
            return last.getOrDefault(state, 0L);
        }
    }

    /** One counter per rejection reason seen so far; called before each scrape, as reasons appear at run time. */
    static void bindRejections(BufferedTelemetrySink sink, MeterRegistry registry) {
        for (String reason : sink.stats().rejectedByReason().keySet()) {
            FunctionCounter.builder(
                            "bf.telemetry.rejected",
                            sink,
                            s -> s.stats().rejectedByReason().getOrDefault(reason, 0L))
                    .description("Telemetry events rejected, by reason.")
                    .tag("reason", reason)
                    .register(registry);
        }
    }

    private static void counter(
            MeterRegistry registry,
            BufferedTelemetrySink sink,
            String name,
            String description,
            ToLongFunction<BufferedTelemetrySink> count) {
        FunctionCounter.builder(name, sink, s -> count.applyAsLong(s))
                .description(description)
                .register(registry);
    }

    /** Counts each audit entry by action and outcome as it is recorded (in its change's transaction). */
    static AuditTrail counted(AuditTrail trail, MeterRegistry registry) {
        return (entry, request) -> {
            AuditEvent recorded = trail.record(entry, request);
            Counter.builder("bf.audit.entries")
                    .description("Audit entries recorded (in transactions that may still roll back), by action.")
                    .tag("action", entry.action().code())
                    .tag("outcome", entry.outcome().code())
                    .register(registry)
                    .increment();
            return recorded;
        };
    }

    /** Counts the service's own events by type, and times job runs from the duration their events carry. */
    static Telemetry counted(Telemetry telemetry, MeterRegistry registry) {
        return new Telemetry() {
            @Override
            public void emit(
                    ServerEvent type,
                    Optional<String> sessionId,
                    Optional<UserId> userId,
                    RequestContext request,
                    Map<String, ?> payload) {
                telemetry.emit(type, sessionId, userId, request, payload);
                Counter.builder("bf.events")
                        .description("The service's own events, by type.")
                        .tag("type", type.type())
                        .register(registry)
                        .increment();
                if (payload.get("durationMs") instanceof Number millis && payload.get("jobType") != null) {
                    Timer.builder("bf.job.runs")
                            .description("Job runs, by job type and outcome.")
                            .tag("type", String.valueOf(payload.get("jobType")))
                            .tag("outcome", type.type().substring("job.".length()))
                            .publishPercentileHistogram()
                            .register(registry)
                            .record(Duration.ofMillis(millis.longValue()));
                }
            }
        };
    }

    /** The registry's text, with the counters that appear at run time registered first. */
    static String scrape(PrometheusMeterRegistry registry, BufferedTelemetrySink sink) {
        bindRejections(sink, registry);
        return registry.scrape();
    }
}
