package io.buildfactory.application.orchestration.port.out;

import io.buildfactory.domain.orchestration.ApprovalId;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CheckId;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What reviews a run's work: its checks, each assignment's pull-request candidate, and the candidate's approval
 * requests. {@code update} writes under the version before the domain's move and refuses a stale one.
 */
public interface ReviewRepository {

    /** A check name once per run: a second is a conflict. */
    void insert(RunCheck check);

    void update(RunCheck check);

    Optional<RunCheck> find(CheckId check);

    Optional<RunCheck> check(RunId run, String name);

    default List<RunCheck> checksOf(RunId run) {
        return checksOf(List.of(run));
    }

    /** The checks of all these runs in one read, in the order they were opened. */
    List<RunCheck> checksOf(Collection<RunId> runs);

    /** One candidate per assignment: a second is a conflict. */
    void insert(PullRequestCandidate candidate);

    void update(PullRequestCandidate candidate);

    Optional<PullRequestCandidate> find(CandidateId candidate);

    default Optional<PullRequestCandidate> candidateOf(AssignmentId assignment) {
        return candidatesOf(List.of(assignment)).stream().findFirst();
    }

    /** The candidates of all these assignments (at most one each) in one read. */
    List<PullRequestCandidate> candidatesOf(Collection<AssignmentId> assignments);

    /** One open request per candidate: a second is a conflict. */
    void insert(ApprovalRequest approval);

    void update(ApprovalRequest approval);

    Optional<ApprovalRequest> find(ApprovalId approval);

    default List<ApprovalRequest> approvalsOf(CandidateId candidate) {
        return approvalsOf(List.of(candidate));
    }

    /** The approval requests of all these candidates in one read, oldest first. */
    List<ApprovalRequest> approvalsOf(Collection<CandidateId> candidates);

    /** Open requests whose expiry has passed by {@code now}, soonest first, at most {@code limit}. */
    List<ApprovalRequest> overdueApprovals(Instant now, int limit);
}
