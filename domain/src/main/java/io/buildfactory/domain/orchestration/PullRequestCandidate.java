package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.HttpUrls;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The draft pull request of an assignment; it has its URL once opened on the code host. */
public record PullRequestCandidate(
        CandidateId id,
        AssignmentId assignment,
        String branch,
        String title,
        String body,
        CandidateState state,
        Optional<String> url,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public PullRequestCandidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(assignment, "assignment");
        branch = Text.required("branch", branch, 250);
        title = Text.required("title", title, 300);
        body = Text.free("body", body, 60_000);
        Objects.requireNonNull(state, "state");
        url = Text.optional("url", url, 2000).map(u -> HttpUrls.require("url", u));
        if ((state == CandidateState.OPENED || state == CandidateState.MERGED) && url.isEmpty()) {
            throw new InvalidInputException("url", "an opened pull request has its URL");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static PullRequestCandidate draft(
            CandidateId id, AssignmentId assignment, String branch, String title, String body, Instant now) {
        return new PullRequestCandidate(
                id, assignment, branch, title, body, CandidateState.DRAFT, Optional.empty(), now, now, 1);
    }

    public PullRequestCandidate moveTo(CandidateState next, Optional<String> openedAt, Instant now) {
        state.check(next, "candidate");
        return new PullRequestCandidate(
                id,
                assignment,
                branch,
                title,
                body,
                next,
                openedAt.isPresent() ? openedAt : url,
                createdAt,
                now,
                version + 1);
    }
}
