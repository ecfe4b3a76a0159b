package io.buildfactory.domain.repositories;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository kept in step with a remote, every {@link #interval()}: a pull mirror fetches the remote's branches
 * and tags into the server's copy, a push mirror sends the copy's out; with {@link #prune()} branches and tags gone
 * from the source are deleted from the destination too. Its settings are written under the repository's lease.
 *
 * <p>A failed sync is retried after a backoff that doubles with each consecutive failure, from twice the interval
 * up to {@link #MAX_BACKOFF} (or the interval, when that is longer), so a remote that is down costs little and one
 * that comes back is picked up again without anyone's help; a success resets it.
 */
public record Mirror(
        MirrorId id,
        RepositoryId repository,
        RemoteUrl remote,
        MirrorDirection direction,
        Duration interval,
        boolean prune,
        boolean enabled,
        MirrorStatus status,
        Optional<Instant> lastSyncAt,
        Optional<Instant> lastSuccessAt,
        Instant nextSyncAt,
        Optional<String> lastError,
        int consecutiveFailures,
        SyncChanges lastChanges,
        Optional<Instant> syncingUntil,
        FencingToken writtenUnder,
        UserId createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_INTERVAL = Duration.ofDays(7);
    public static final Duration MAX_BACKOFF = Duration.ofHours(24);
    public static final int MAX_ERROR_LENGTH = 2000;

    /** What the last successful sync changed in its destination: refs created or moved, and refs deleted. */
    public record SyncChanges(int updated, int deleted) {
        public static final SyncChanges NONE = new SyncChanges(0, 0);

        public SyncChanges {
            if (updated < 0 || deleted < 0) {
                throw new IllegalArgumentException("ref counts are 0 or more");
            }
        }

        public boolean any() {
            return updated > 0 || deleted > 0;
        }
    }

    public Mirror {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(direction, "direction");
        interval(interval);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastSyncAt, "lastSyncAt");
        Objects.requireNonNull(lastSuccessAt, "lastSuccessAt");
        Objects.requireNonNull(nextSyncAt, "nextSyncAt");
        lastError = lastError.map(Mirror::shortened);
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures is 0 or more");
        }
        Objects.requireNonNull(lastChanges, "lastChanges");
        Objects.requireNonNull(syncingUntil, "syncingUntil");
        Objects.requireNonNull(writtenUnder, "writtenUnder");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The interval, checked: a whole number of seconds from {@link #MIN_INTERVAL} to {@link #MAX_INTERVAL}. */
    public static Duration interval(Duration interval) {
        if (interval == null) {
            throw new InvalidInputException("intervalSeconds", "is required");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0 || interval.getNano() != 0) {
            throw new InvalidInputException(
                    "intervalSeconds",
                    "must be from " + MIN_INTERVAL.toSeconds() + " to " + MAX_INTERVAL.toSeconds() + " seconds");
        }
        return interval;
    }

    /** A new mirror, due at once. */
    public static Mirror create(
            MirrorId id,
            RepositoryId repository,
            RemoteUrl remote,
            MirrorDirection direction,
            Duration interval,
            boolean prune,
            FencingToken token,
            UserId by,
            Instant now) {
        return new Mirror(
                id,
                repository,
                remote,
                direction,
                interval,
                prune,
                true,
                MirrorStatus.PENDING,
                Optional.empty(),
                Optional.empty(),
                now,
                Optional.empty(),
                0,
                SyncChanges.NONE,
                Optional.empty(),
                token,
                by,
                now,
                now,
                1);
    }

    /** New settings, written under {@code token}: the next sync is the last one plus the new interval (or backoff). */
    public Mirror withSettings(Duration interval, boolean prune, boolean enabled, FencingToken token, Instant now) {
        Duration delay = consecutiveFailures == 0 ? interval : backoff(interval, consecutiveFailures);
        Instant next = lastSyncAt.map(last -> last.plus(delay)).orElse(now);
        return new Mirror(
                id,
                repository,
                remote,
                direction,
                interval,
                prune,
                enabled,
                status,
                lastSyncAt,
                lastSuccessAt,
                next,
                lastError,
                consecutiveFailures,
                lastChanges,
                syncingUntil,
                token,
                createdBy,
                createdAt,
                now,
                version + 1);
    }

    /** The sync that ended at {@code now} succeeded with {@code changes}: next one an interval on. */
    public Mirror synced(SyncChanges changes, Instant now) {
        return afterSync(MirrorStatus.SYNCED, Optional.of(now), now.plus(interval), Optional.empty(), 0, changes, now);
    }

    /** The sync that ended at {@code now} failed with {@code error}: next one after the backoff. */
    public Mirror failed(String error, Instant now) {
        int failures = consecutiveFailures + 1;
        return afterSync(
                MirrorStatus.FAILED,
                lastSuccessAt,
                now.plus(backoff(interval, failures)),
                Optional.of(error == null || error.isBlank() ? "the sync failed without a message" : error),
                failures,
                lastChanges,
                now);
    }

    private Mirror afterSync(
            MirrorStatus status,
            Optional<Instant> lastSuccessAt,
            Instant next,
            Optional<String> error,
            int failures,
            SyncChanges changes,
            Instant now) {
        return new Mirror(
                id,
                repository,
                remote,
                direction,
                interval,
                prune,
                enabled,
                status,
                Optional.of(now),
                lastSuccessAt,
                next,
                error,
                failures,
                changes,
                Optional.empty(),
                writtenUnder,
                createdBy,
                createdAt,
                updatedAt,
                version);
    }

    /** Due at {@code at} if that is sooner than it is now: a sync asked for while another ran is kept. */
    public Mirror dueNoLaterThan(Instant at) {
        if (!at.isBefore(nextSyncAt)) {
            return this;
        }
        return new Mirror(
                id,
                repository,
                remote,
                direction,
                interval,
                prune,
                enabled,
                status,
                lastSyncAt,
                lastSuccessAt,
                at,
                lastError,
                consecutiveFailures,
                lastChanges,
                syncingUntil,
                writtenUnder,
                createdBy,
                createdAt,
                updatedAt,
                version);
    }

    /**
     * How long after the {@code failures}-th failure in a row the next attempt comes: twice the interval after the
     * first, doubling each time, at most {@link #MAX_BACKOFF} (or the interval, when that is longer).
     */
    public static Duration backoff(Duration interval, int failures) {
        Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
        if (failures >= 20) {
            return cap;
        }
        Duration delay = interval.multipliedBy(1L << failures);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /** Whether a sync is running now (a server claimed it, and its claim has not run out). */
    public boolean syncingAt(Instant now) {
        return syncingUntil.filter(now::isBefore).isPresent();
    }

    private static String shortened(String error) {
        String oneLine = error.replace('\u0000', ' ').strip();
        return oneLine.length() > MAX_ERROR_LENGTH ? oneLine.substring(0, MAX_ERROR_LENGTH - 1) + "…" : oneLine;
    }
}
