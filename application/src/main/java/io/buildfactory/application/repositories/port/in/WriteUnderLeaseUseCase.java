package io.buildfactory.application.repositories.port.in;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Lease;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.RuleViolationException;
import java.util.Optional;

/**
 * A repository's lease as other contexts' writes use it, from inside their own transaction (these calls join it):
 * an agent's execution takes the lease when it is claimed, and each commit it reports passes the fence. A refusal
 * is returned rather than thrown, its denied audit entry written in the caller's transaction: the caller commits,
 * then throws it, so the record of the refused attempt survives the refusal.
 */
public interface WriteUnderLeaseUseCase {

    /** The grant the work goes on under, or why it may not. */
    record Decision(Optional<Lease> lease, Optional<RuleViolationException> refusal) {
        public static Decision granted(Lease lease) {
            return new Decision(Optional.of(lease), Optional.empty());
        }

        public static Decision refused(RuleViolationException refusal) {
            return new Decision(Optional.empty(), Optional.of(refusal));
        }
    }

    /** Refuses (404, 403 or 400 naming repositoryId) unless {@code actor} may write a repository of {@code project}. */
    void check(Actor actor, ProjectKey project, RepositoryId repository);

    /**
     * Takes the lease of a repository of {@code project} for {@code actor}: a grant of its own, for one piece of
     * work. Refused while anyone holds it, {@code actor} included (audited as a denied {@code lease.acquire}).
     */
    Decision take(Actor actor, ProjectKey project, RepositoryId repository);

    /**
     * Empty when a write under {@code token} may go through: it is {@code actor}'s grant, held now. Otherwise the
     * refusal, audited as a denied {@code action}.
     */
    Optional<RuleViolationException> fence(
            Actor actor, RepositoryId repository, FencingToken token, AuditAction action);

    /** Ends {@code actor}'s grant {@code token} if it is still held; says whether it did. Audited as a release. */
    boolean releaseIfHeld(Actor actor, RepositoryId repository, FencingToken token);
}
