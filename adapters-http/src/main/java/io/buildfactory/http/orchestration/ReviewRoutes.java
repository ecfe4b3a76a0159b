package io.buildfactory.http.orchestration;

import io.buildfactory.application.orchestration.port.in.ReviewWorkUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.orchestration.ApprovalId;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CandidateState;
import io.buildfactory.domain.orchestration.CheckStatus;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks, pull-request candidates and approvals over HTTP. Agents and CI report checks and move candidates;
 * a candidate held back by its gates answers 409 action-blocked with the verdicts, as a work-item action does;
 * people holding {@code factory.review.approve} decide approvals of work they did not write.
 */
public final class ReviewRoutes implements RouteGroup {

    private final ReviewWorkUseCase review;

    public ReviewRoutes(ReviewWorkUseCase review) {
        this.review = review;
    }

    record CheckBody(String name, String status, String detailsUrl) {}

    record CandidateBody(String title, String body) {}

    record TransitionBody(String state, String url, Long version) {}

    record DecisionBody(Boolean approve, String reason) {}

    record WithdrawBody(String reason) {}

    record CheckView(
            String id,
            String runId,
            String name,
            String status,
            boolean required,
            String detailsUrl,
            Instant createdAt,
            Instant startedAt,
            Instant completedAt,
            long version) {}

    record CandidateView(
            String id,
            String assignmentId,
            String branch,
            String title,
            String body,
            String state,
            String url,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    record ApprovalView(
            String id,
            String candidateId,
            String requestedBy,
            String state,
            String decidedBy,
            String reason,
            Instant requestedAt,
            Instant expiresAt,
            Instant decidedAt,
            long version) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/runs/{id}/checks", Access.requires(Permissions.RUN_EXECUTE), ctx -> {
                    CheckBody b = Requests.body(ctx, CheckBody.class);
                    if (b.name() == null) {
                        throw new InvalidInputException("name", "is required");
                    }
                    ctx.json(view(review.reportCheck(
                            Requests.actor(ctx),
                            Requests.pathId(ctx, RunId::parse),
                            b.name(),
                            CheckStatus.parse(b.status()),
                            Optional.ofNullable(b.detailsUrl()))));
                }),
                ApiRoute.post("/api/assignments/{id}/candidate", Access.requires(Permissions.RUN_EXECUTE), ctx -> {
                    CandidateBody b = Requests.body(ctx, CandidateBody.class);
                    ctx.status(201)
                            .json(view(review.draft(
                                    Requests.actor(ctx),
                                    Requests.pathId(ctx, AssignmentId::parse),
                                    b.title(),
                                    b.body())));
                }),
                ApiRoute.post("/api/candidates/{id}/transitions", Access.requires(Permissions.RUN_EXECUTE), ctx -> {
                    TransitionBody b = Requests.body(ctx, TransitionBody.class);
                    if (b.version() == null) {
                        throw new InvalidInputException("version", "is required: send the version you read");
                    }
                    ctx.json(view(review.move(
                            Requests.actor(ctx),
                            Requests.pathId(ctx, CandidateId::parse),
                            CandidateState.parse(b.state()),
                            Optional.ofNullable(b.url()),
                            b.version())));
                }),
                ApiRoute.post(
                        "/api/candidates/{id}/approvals",
                        Access.requires(Permissions.RUN_EXECUTE),
                        ctx -> ctx.status(201)
                                .json(view(review.requestApproval(
                                        Requests.actor(ctx), Requests.pathId(ctx, CandidateId::parse))))),
                ApiRoute.post("/api/approvals/{id}/decision", Access.requires(Permissions.REVIEW_APPROVE), ctx -> {
                    DecisionBody b = Requests.body(ctx, DecisionBody.class);
                    if (b.approve() == null) {
                        throw new InvalidInputException("approve", "is required: true to approve, false to reject");
                    }
                    ctx.json(view(review.decide(
                            Requests.actor(ctx),
                            Requests.pathId(ctx, ApprovalId::parse),
                            b.approve(),
                            Optional.ofNullable(b.reason()))));
                }),
                ApiRoute.post("/api/approvals/{id}/withdraw", Access.requires(Permissions.RUN_EXECUTE), ctx -> {
                    WithdrawBody b = Requests.body(ctx, WithdrawBody.class);
                    ctx.json(view(review.withdraw(
                            Requests.actor(ctx),
                            Requests.pathId(ctx, ApprovalId::parse),
                            Optional.ofNullable(b.reason()))));
                }));
    }

    static CheckView view(RunCheck c) {
        return new CheckView(
                c.id().toString(),
                c.run().toString(),
                c.name(),
                c.status().code(),
                c.required(),
                c.detailsUrl().orElse(null),
                c.createdAt(),
                c.startedAt().orElse(null),
                c.completedAt().orElse(null),
                c.version());
    }

    static CandidateView view(PullRequestCandidate c) {
        return new CandidateView(
                c.id().toString(),
                c.assignment().toString(),
                c.branch(),
                c.title(),
                c.body(),
                c.state().code(),
                c.url().orElse(null),
                c.createdAt(),
                c.updatedAt(),
                c.version());
    }

    static ApprovalView view(ApprovalRequest a) {
        return new ApprovalView(
                a.id().toString(),
                a.candidate().toString(),
                a.requestedBy().toString(),
                a.state().code(),
                a.decidedBy().map(UserId::toString).orElse(null),
                a.reason().orElse(null),
                a.requestedAt(),
                a.expiresAt(),
                a.decidedAt().orElse(null),
                a.version());
    }
}
