package io.buildfactory.application.repositories.port.out;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Lease;
import io.buildfactory.domain.repositories.RepositoryId;
import java.time.Instant;
import java.util.Optional;

/**
 * Repositories' single-writer leases. A grant is atomic: of any number of concurrent acquirers of a free lease,
 * on any number of servers, exactly one gets it, with the next fencing token of the repository.
 */
public interface LeaseRepository {

    /**
     * Grants the lease to {@code holder} for {@link Lease#TERM} when it is free at {@code now} (never granted,
     * released, or past its expiry); empty when someone holds it, or when there is no such repository.
     */
    Optional<Lease> acquire(RepositoryId repository, UserId holder, Instant now);

    /** The lease held at {@code now}; empty when it is free. */
    Optional<Lease> current(RepositoryId repository, Instant now);

    /**
     * The lease held at {@code now}, its row locked until the transaction ends, so that a write fenced by it cannot
     * interleave with a grant: what a write under the lease checks, in its own transaction.
     */
    Optional<Lease> lockCurrent(RepositoryId repository, Instant now);

    /** Ends the grant {@code token} of {@code holder} if it is still held at {@code now}; says whether it did. */
    boolean release(RepositoryId repository, UserId holder, FencingToken token, Instant now);

    /** Grants that ran out unreleased and are not yet recorded as expired, soonest first, at most {@code limit}. */
    java.util.List<Lease> expiredUnrecorded(Instant now, int limit);

    /** The repository's grant that ran out unreleased and is not yet recorded, if any. */
    Optional<Lease> expiredUnrecorded(RepositoryId repository, Instant now);

    /** Records grant {@code token}'s expiry once; says whether this call recorded it. */
    boolean recordExpiry(RepositoryId repository, FencingToken token, Instant now);

    /** The lease held at {@code now}, if any, and the repository's latest fencing token, read together. */
    Standing standing(RepositoryId repository, Instant now);

    /** A lease's state at one moment: the grant held then, and the latest token (0 before the first grant). */
    record Standing(Optional<Lease> held, long lastToken) {}
}
