package io.buildfactory.application.repositories.port.out;

import io.buildfactory.domain.repositories.Mirror;
import io.buildfactory.domain.repositories.MirrorId;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.SyncClaim;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Repositories' mirrors, their settings and the outcome of their syncs. A sync is claimed first: of any number of
 * servers looking for due mirrors at once, each mirror goes to one of them, which alone may record its outcome.
 */
public interface MirrorRepository {

    /**
     * Refuses a second mirror of the repository to the same remote in the same direction, and a second pull mirror
     * of one repository (two upstreams would prune each other's branches).
     */
    void insert(Mirror mirror);

    Optional<Mirror> find(MirrorId id);

    /** The mirror, its row locked until the transaction ends: what a settings change and a sync's record read. */
    Optional<Mirror> lock(MirrorId id);

    /** The repository's mirrors, oldest first. */
    List<Mirror> ofRepository(RepositoryId repository);

    /**
     * Writes {@code changed}'s settings (interval, prune, enabled, next sync, token, version) if the stored mirror is
     * still at version {@code changed.version() - 1}; says whether it was. The outcome of syncs is left as it is.
     */
    boolean updateSettings(Mirror changed);

    boolean delete(MirrorId id);

    /** Makes the mirror due at {@code now}; says whether there was such a mirror. */
    boolean makeDue(MirrorId id, Instant now);

    /**
     * Claims the enabled mirror due soonest at {@code now} that no server is syncing, of a repository none of whose
     * mirrors a server is syncing (one sync per repository's copy at a time), until {@code until}, under
     * {@code claim}; empty when none is due.
     */
    Optional<Mirror> claimDue(Instant now, Instant until, SyncClaim claim);

    /** Extends a live claim to {@code until}; false when it was lost (it ran out and another took it, or removed). */
    boolean extendClaim(MirrorId id, SyncClaim claim, Instant until);

    /**
     * Records how the claimed sync went (status, times, error, failures, changes) and ends the claim; false when the
     * claim was lost meanwhile (it ran out and another server claimed the mirror, or the mirror was removed).
     */
    boolean recordSync(Mirror synced, SyncClaim claim);
}
