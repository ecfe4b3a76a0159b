package io.buildfactory.persistence.jobs;

import static io.buildfactory.persistence.jooq.Tables.JOBS;
import static io.buildfactory.persistence.jooq.Tables.JOB_SCHEDULES;

import io.buildfactory.application.jobs.port.out.JobRepository;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobId;
import io.buildfactory.domain.jobs.JobState;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.persistence.ChangeFeed;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.JsonText;
import io.buildfactory.persistence.jooq.tables.records.JobsRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.JSONB;

public final class JooqJobRepository implements JobRepository {

    private static final List<String> LIVE = List.of(JobState.QUEUED.code(), JobState.RUNNING.code());

    private final Database db;

    public JooqJobRepository(Database db) {
        this.db = db;
    }

    @Override
    public boolean insert(Job job) {
        // ON CONFLICT on the partial index: a live duplicate is skipped rather than raised, which on PostgreSQL
        // would abort the caller's whole transaction.
        return db.transaction(() -> {
            boolean stored = db.dsl()
                            .insertInto(JOBS)
                            .set(toRecord(job))
                            .onConflict(JOBS.UNIQUE_KEY)
                            .where(JOBS.UNIQUE_KEY.isNotNull().and(JOBS.STATE.in(LIVE)))
                            .doNothing()
                            .execute()
                    > 0;
            if (stored && job.state() == JobState.QUEUED) {
                db.changedAfterCommit(ChangeFeed.Topic.JOBS);
            }
            return stored;
        });
    }

    @Override
    public Optional<Job> findById(JobId id) {
        return db.dsl().selectFrom(JOBS).where(JOBS.ID.eq(id.toString())).fetchOptional(JooqJobRepository::toDomain);
    }

    @Override
    public Optional<Job> findLiveByUniqueKey(String uniqueKey) {
        return db.dsl()
                .selectFrom(JOBS)
                .where(JOBS.UNIQUE_KEY.eq(uniqueKey))
                .and(JOBS.STATE.in(LIVE))
                .fetchOptional(JooqJobRepository::toDomain);
    }

    /**
     * PostgreSQL: the row is locked with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers (other threads,
     * other servers) each get a different job without waiting. SQLite: the claim runs as the single writer.
     */
    /**
     * One statement: the due jobs' ids, locked {@code FOR UPDATE SKIP LOCKED} on PostgreSQL (concurrent claimers,
     * in this process or another, each get different jobs without waiting; SQLite has one writer), moved to
     * running as {@link Job#claim} moves a job, and returned. The contract test holds the two to the same result.
     */
    @Override
    public List<Job> claim(String worker, Instant now, Duration claimFor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a claim takes at least one job");
        }
        Instant at = Timestamps.stored(now);
        var due = db.dialect()
                .lockingRowsSkipLocked(db.dsl()
                        .select(JOBS.ID)
                        .from(JOBS)
                        .where(JOBS.STATE.eq(JobState.QUEUED.code()))
                        .and(JOBS.RUN_AT.le(at))
                        .orderBy(JOBS.PRIORITY.desc(), JOBS.RUN_AT, JOBS.ID)
                        .limit(limit));
        return db.transaction(() -> db
                .dsl()
                .update(JOBS)
                .set(JOBS.STATE, JobState.RUNNING.code())
                .set(JOBS.ATTEMPTS, JOBS.ATTEMPTS.plus(1))
                .set(JOBS.CLAIMED_BY, worker)
                .set(JOBS.CLAIM_EXPIRES_AT, Timestamps.stored(at.plus(claimFor)))
                .setNull(JOBS.RESULT)
                .set(JOBS.UPDATED_AT, at)
                .setNull(JOBS.FINISHED_AT)
                .set(JOBS.VERSION, JOBS.VERSION.plus(1))
                .where(JOBS.ID.in(due))
                .returning()
                .fetch()
                .stream()
                .map(JooqJobRepository::toDomain)
                .sorted(URGENT_FIRST)
                .toList());
    }

    private static final java.util.Comparator<Job> URGENT_FIRST = java.util.Comparator.comparingInt(Job::priority)
            .reversed()
            .thenComparing(Job::runAt)
            .thenComparing(j -> j.id().toString());

    @Override
    public Job update(Job job) {
        List<Job> stored = db.transaction(() -> store(List.of(job)));
        if (stored.isEmpty()) {
            throw ConflictException.staleVersion("job", job.id(), job.version());
        }
        return stored.getFirst();
    }

    @Override
    public List<Job> updateAll(List<Job> jobs) {
        return jobs.isEmpty() ? List.of() : db.transaction(() -> store(jobs));
    }

    @Override
    public long queuedSignals() {
        return db.changes().moves(ChangeFeed.Topic.JOBS);
    }

    @Override
    public void awaitQueued(long seen, Duration max) throws InterruptedException {
        db.changes().awaitChange(ChangeFeed.Topic.JOBS, seen, max);
    }

    /**
     * Writes each job's changeable columns where its version is still the one it was read with, as one JDBC batch
     * (one round trip on PostgreSQL). @return the jobs written, with their versions moved on
     */
    private List<Job> store(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        // One statement with placeholders, bound once per job: jOOQ sends it as a single prepared batch.
        var batch = db.dsl()
                .batch(db.dsl()
                        .update(JOBS)
                        .set(JOBS.STATE, "")
                        .set(JOBS.RUN_AT, Instant.EPOCH)
                        .set(JOBS.ATTEMPTS, 0)
                        .set(JOBS.CLAIMED_BY, "")
                        .set(JOBS.CLAIM_EXPIRES_AT, Instant.EPOCH)
                        .set(JOBS.RESULT, JSONB.valueOf("{}"))
                        .set(JOBS.LAST_ERROR, "")
                        .set(JOBS.UPDATED_AT, Instant.EPOCH)
                        .set(JOBS.FINISHED_AT, Instant.EPOCH)
                        .set(JOBS.VERSION, 0L)
                        .where(JOBS.ID.eq(""))
                        .and(JOBS.VERSION.eq(0L)));
        List<Job> next = new ArrayList<>(jobs.size());
        boolean queued = false;
        for (Job j : jobs) {
            Job moved = j.withVersion(j.version() + 1);
            next.add(moved);
            queued |= j.state() == JobState.QUEUED;
            batch = batch.bind(
                    j.state().code(),
                    j.runAt(),
                    j.attempts(),
                    j.claimedBy().orElse(null),
                    j.claimExpiresAt().orElse(null),
                    j.resultJson().map(JSONB::valueOf).orElse(null),
                    j.lastError().orElse(null),
                    j.updatedAt(),
                    j.finishedAt().orElse(null),
                    moved.version(),
                    j.id().toString(),
                    j.version());
        }
        int[] counts = batch.execute();
        if (queued) {
            db.changedAfterCommit(ChangeFeed.Topic.JOBS);
        }
        List<Job> stored = new ArrayList<>(jobs.size());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) { // row counts: neither driver rewrites batched updates
                stored.add(next.get(i));
            }
        }
        return stored;
    }

    @Override
    public boolean extendClaim(JobId id, String worker, Instant now, Instant until) {
        return db.transaction(() -> db.dsl()
                        .update(JOBS)
                        .set(JOBS.CLAIM_EXPIRES_AT, Timestamps.stored(until))
                        .where(JOBS.ID.eq(id.toString()))
                        .and(JOBS.STATE.eq(JobState.RUNNING.code()))
                        .and(JOBS.CLAIMED_BY.eq(worker))
                        .and(JOBS.CLAIM_EXPIRES_AT.ge(Timestamps.stored(now)))
                        .execute())
                > 0;
    }

    @Override
    public boolean reap(Job expired, Job outcome, Instant now) {
        Job next = outcome.withVersion(expired.version() + 1);
        return db.transaction(() -> {
            boolean reaped = db.dsl()
                            .update(JOBS)
                            .set(toRecord(next))
                            .where(JOBS.ID.eq(expired.id().toString()))
                            .and(JOBS.VERSION.eq(expired.version()))
                            .and(JOBS.STATE.eq(JobState.RUNNING.code()))
                            .and(JOBS.CLAIM_EXPIRES_AT.lt(Timestamps.stored(now)))
                            .execute()
                    > 0;
            if (reaped && next.state() == JobState.QUEUED) {
                db.changedAfterCommit(ChangeFeed.Topic.JOBS);
            }
            return reaped;
        });
    }

    @Override
    public List<Job> expiredClaims(Instant now, int limit) {
        return db.dsl()
                .selectFrom(JOBS)
                .where(JOBS.STATE.eq(JobState.RUNNING.code()))
                .and(JOBS.CLAIM_EXPIRES_AT.lt(Timestamps.stored(now)))
                .orderBy(JOBS.CLAIM_EXPIRES_AT)
                .limit(limit)
                .fetch(JooqJobRepository::toDomain);
    }

    @Override
    public Page<Job> list(Optional<String> type, Optional<JobState> state, PageRequest page) {
        List<Condition> where = new ArrayList<>();
        type.ifPresent(t -> where.add(JOBS.TYPE.eq(t)));
        state.ifPresent(s -> where.add(JOBS.STATE.eq(s.code())));
        page.after().ifPresent(c -> where.add(JOBS.ID.gt(Ulid.parse("cursor", c).value())));
        var rows = db.dsl()
                .selectFrom(JOBS)
                .where(where)
                .orderBy(JOBS.ID)
                .limit(page.limit() + 1)
                .fetch(JooqJobRepository::toDomain);
        return Page.of(rows, page.limit(), j -> j.id().toString());
    }

    @Override
    public int deleteFinishedBefore(Instant before, int limit) {
        return db.transaction(() -> db.dsl()
                .deleteFrom(JOBS)
                .where(JOBS.ID.in(db.dsl()
                        .select(JOBS.ID)
                        .from(JOBS)
                        .where(JOBS.FINISHED_AT.isNotNull())
                        .and(JOBS.FINISHED_AT.lt(Timestamps.stored(before)))
                        .orderBy(JOBS.FINISHED_AT)
                        .limit(limit)))
                .execute());
    }

    @Override
    public java.util.Map<JobState, Long> countByState(java.util.Set<JobState> states) {
        java.util.Map<JobState, Long> counts = new java.util.EnumMap<>(JobState.class);
        db.dsl()
                .select(JOBS.STATE, org.jooq.impl.DSL.count())
                .from(JOBS)
                .where(JOBS.STATE.in(states.stream().map(JobState::code).toList()))
                .groupBy(JOBS.STATE)
                .forEach(r ->
                        counts.put(JobState.fromCode(r.value1()), r.value2().longValue()));
        return counts;
    }

    @Override
    public Optional<Instant> scheduleNextRun(String name) {
        return db.dsl()
                .select(JOB_SCHEDULES.NEXT_RUN_AT)
                .from(JOB_SCHEDULES)
                .where(JOB_SCHEDULES.NAME.eq(name))
                .fetchOptional(JOB_SCHEDULES.NEXT_RUN_AT);
    }

    @Override
    public boolean advanceSchedule(String name, Optional<Instant> expected, Instant next) {
        Instant to = Timestamps.stored(next);
        return db.transaction(() -> {
            if (expected.isEmpty()) {
                return db.dsl()
                                .insertInto(JOB_SCHEDULES)
                                .set(JOB_SCHEDULES.NAME, name)
                                .set(JOB_SCHEDULES.NEXT_RUN_AT, to)
                                .set(JOB_SCHEDULES.UPDATED_AT, to)
                                .onConflictDoNothing()
                                .execute()
                        > 0;
            }
            return db.dsl()
                            .update(JOB_SCHEDULES)
                            .set(JOB_SCHEDULES.NEXT_RUN_AT, to)
                            .set(JOB_SCHEDULES.UPDATED_AT, to)
                            .where(JOB_SCHEDULES.NAME.eq(name))
                            .and(JOB_SCHEDULES.NEXT_RUN_AT.eq(Timestamps.stored(expected.get())))
                            .execute()
                    > 0;
        });
    }

    private static JobsRecord toRecord(Job j) {
        return new JobsRecord(
                j.id().toString(),
                j.type(),
                JSONB.valueOf(j.payloadJson()),
                j.state().code(),
                j.priority(),
                j.runAt(),
                j.attempts(),
                j.maxAttempts(),
                j.uniqueKey().orElse(null),
                j.claimedBy().orElse(null),
                j.claimExpiresAt().orElse(null),
                j.resultJson().map(JSONB::valueOf).orElse(null),
                j.lastError().orElse(null),
                j.createdAt(),
                j.updatedAt(),
                j.finishedAt().orElse(null),
                j.version(),
                j.correlationId().orElse(null));
    }

    private static Job toDomain(JobsRecord r) {
        return new Job(
                JobId.parse(r.getId()),
                r.getType(),
                JsonText.compact(r.getPayload()),
                JobState.fromCode(r.getState()),
                r.getPriority(),
                r.getRunAt(),
                r.getAttempts(),
                r.getMaxAttempts(),
                Optional.ofNullable(r.getUniqueKey()),
                Optional.ofNullable(r.getCorrelationId()),
                Optional.ofNullable(r.getClaimedBy()),
                Optional.ofNullable(r.getClaimExpiresAt()),
                Optional.ofNullable(r.getResult()).map(JsonText::compact),
                Optional.ofNullable(r.getLastError()),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                Optional.ofNullable(r.getFinishedAt()),
                r.getVersion());
    }
}
