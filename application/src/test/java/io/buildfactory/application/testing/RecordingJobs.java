package io.buildfactory.application.testing;

import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobId;
import io.buildfactory.domain.shared.IdGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The jobs a use case queued, kept or dropped with its transaction; a live job of the same unique key is handed
 * back instead of a second, as the queue does.
 */
public final class RecordingJobs implements EnqueueJobUseCase, Transactional {

    private final List<Job> queued = new ArrayList<>();
    private final IdGenerator ids;
    private final Clock clock;

    public RecordingJobs(IdGenerator ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public synchronized Job enqueue(NewJob job) {
        if (job.uniqueKey().isPresent()) {
            for (Job live : queued) {
                if (live.uniqueKey().equals(job.uniqueKey())) {
                    return live;
                }
            }
        }
        Job created = Job.enqueue(
                new JobId(ids.next()),
                job.type(),
                job.payloadJson(),
                job.priority(),
                job.runAt().orElse(clock.instant()),
                job.maxAttempts(),
                job.uniqueKey(),
                clock.instant());
        queued.add(created);
        return created;
    }

    public synchronized List<Job> queued() {
        return List.copyOf(queued);
    }

    @Override
    public synchronized Object snapshot() {
        return List.copyOf(queued);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        queued.clear();
        queued.addAll((List<Job>) snapshot);
    }
}
