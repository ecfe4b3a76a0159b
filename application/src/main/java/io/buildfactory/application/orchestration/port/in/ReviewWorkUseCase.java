package io.buildfactory.application.orchestration.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.orchestration.ApprovalId;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CandidateState;
import io.buildfactory.domain.orchestration.CheckStatus;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import java.util.Optional;

/**
 * How a run's work is reviewed: checks reported by agents and CI, each assignment's pull-request candidate moved
 * through its states, and approvals decided by a person other than the agent. A candidate goes ready, and asks
 * for approval, only when every required check passed and no commit is flagged; otherwise the refusal carries
 * the gates' verdicts, as for work-item actions.
 */
public interface ReviewWorkUseCase {

    /** The run's check by name, opened if it is new (required when the profile requires it), then moved. */
    RunCheck reportCheck(Actor actor, RunId run, String name, CheckStatus status, Optional<String> detailsUrl);

    PullRequestCandidate draft(Actor actor, AssignmentId assignment, String title, String body);

    PullRequestCandidate move(
            Actor actor, CandidateId candidate, CandidateState next, Optional<String> url, long version);

    ApprovalRequest requestApproval(Actor actor, CandidateId candidate);

    ApprovalRequest decide(Actor actor, ApprovalId approval, boolean approve, Optional<String> reason);

    ApprovalRequest withdraw(Actor actor, ApprovalId approval, Optional<String> reason);

    /**
     * Marks open approval requests past their expiry as expired (audited as the system), so reads and queue
     * truth show them as they are; a request decided meanwhile is left as decided. Returns how many expired.
     */
    int expireOverdue();
}
