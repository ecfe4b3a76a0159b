package io.buildfactory.application.repositories.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Lease;
import io.buildfactory.domain.repositories.RepositoryId;

/**
 * Taking and giving back a repository's single-writer lease: 72 hours, never renewed, released only by its holder
 * with the grant's token, or ended by time. Needs {@code factory.repository.write}.
 */
public interface HoldLeaseUseCase {

    /** The new grant; a lease someone holds is refused with who holds it and until when. */
    Lease acquire(Actor actor, RepositoryId repository);

    /** Ends the caller's grant {@code token}; anyone else's, or an older one, is refused. */
    void release(Actor actor, RepositoryId repository, FencingToken token);

    /**
     * Records, once each and audited as the system's {@code lease.expire}, the grants that ran out unreleased (the
     * {@code leases.expire} job). Returns how many it recorded.
     */
    int recordExpiries();
}
