package io.buildfactory.application.jobs;

import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.application.jobs.port.out.JobRepository;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The service's own periodic work, as jobs. Periods are aligned to the epoch; whichever server first moves a
 * schedule past the current period enqueues that period's job, in the same transaction, so there is exactly one
 * per period however many servers tick.
 */
public final class RecurringSchedules {

    public record Schedule(String name, Duration every, String jobType) {}

    private final List<Schedule> schedules;
    private final JobRepository jobs;
    private final EnqueueJobUseCase enqueue;
    private final TransactionRunner transactions;
    private final Clock clock;

    public RecurringSchedules(
            List<Schedule> schedules,
            JobRepository jobs,
            EnqueueJobUseCase enqueue,
            TransactionRunner transactions,
            Clock clock) {
        this.schedules = List.copyOf(schedules);
        this.jobs = jobs;
        this.enqueue = enqueue;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Enqueues every schedule whose time has come. @return how many jobs this call enqueued */
    public int tick() {
        Instant now = clock.instant();
        int enqueued = 0;
        for (Schedule s : schedules) {
            Optional<Instant> next = jobs.scheduleNextRun(s.name());
            if (next.isPresent() && next.get().isAfter(now)) {
                continue;
            }
            long period = s.every().toMillis();
            Instant periodStart = Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), period));
            Instant following = periodStart.plusMillis(period);
            boolean won = transactions.inTransaction(() -> {
                if (!jobs.advanceSchedule(s.name(), next, following)) {
                    return false;
                }
                enqueue.enqueue(new EnqueueJobUseCase.NewJob(
                        s.jobType(),
                        "{\"period\":\"" + periodStart + "\"}",
                        0,
                        Optional.empty(),
                        3,
                        Optional.of("schedule:" + s.name())));
                return true;
            });
            enqueued += won ? 1 : 0;
        }
        return enqueued;
    }
}
