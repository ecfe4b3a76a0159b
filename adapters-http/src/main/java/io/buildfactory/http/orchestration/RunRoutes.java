package io.buildfactory.http.orchestration;

import io.buildfactory.application.orchestration.port.in.ExecuteAssignmentsUseCase;
import io.buildfactory.application.orchestration.port.in.ExecuteAssignmentsUseCase.NewCommit;
import io.buildfactory.application.orchestration.port.in.StartRunUseCase;
import io.buildfactory.application.orchestration.port.in.ViewRunsUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.orchestration.AgentCommit;
import io.buildfactory.domain.orchestration.AgentCommit.FileChange;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.ChangeKind;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.ExecutionStatus;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PathPattern;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.orchestration.RunScope;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.http.planning.PlanningViews;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs over HTTP: people start and cancel them; agents (API tokens) claim assignments and report heartbeats,
 * commits and how their executions ended. A claim answers with the card as the run froze it: what to build.
 */
public final class RunRoutes implements RouteGroup {

    private final StartRunUseCase start;
    private final ExecuteAssignmentsUseCase execute;
    private final ViewRunsUseCase view;

    public RunRoutes(StartRunUseCase start, ExecuteAssignmentsUseCase execute, ViewRunsUseCase view) {
        this.start = start;
        this.execute = execute;
        this.view = view;
    }

    record NewRunBody(String scope, String workflowId, String cardId) {}

    record CancelBody(Long version) {}

    record HeartbeatBody(Long inputTokens, Long outputTokens, Long costMicros) {}

    record FinishBody(String status, String exitReason) {}

    record FileBody(String path, String change) {}

    record CommitBody(String sha, String message, String author, List<FileBody> files, Long fencingToken) {}

    record ClaimBody(String repositoryId) {}

    record RunView(
            String id,
            String projectId,
            String scope,
            String workflowId,
            String cardId,
            String status,
            String startedBy,
            String handoff,
            long profileVersion,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            long version) {}

    record AssignmentView(
            String id,
            String runId,
            String cardId,
            String featureBranch,
            List<String> allowedPaths,
            String status,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    record ExecutionView(
            String id,
            String assignmentId,
            String agentId,
            String status,
            Instant startedAt,
            Instant heartbeatAt,
            Instant deadline,
            Instant finishedAt,
            String exitReason,
            long inputTokens,
            long outputTokens,
            long costMicros,
            long version,
            String repositoryId,
            Long fencingToken) {}

    record FileView(String path, String change) {}

    record CommitView(
            String id,
            String executionId,
            String sha,
            String message,
            String author,
            List<FileView> files,
            boolean flagged,
            List<String> offendingPaths,
            Instant committedAt,
            Long fencingToken) {}

    record ExecutionDetailView(ExecutionView execution, List<CommitView> commits) {}

    record AssignmentDetailView(
            AssignmentView assignment,
            List<ExecutionDetailView> executions,
            ReviewRoutes.CandidateView candidate,
            List<ReviewRoutes.ApprovalView> approvals) {}

    record RunDetailView(
            RunView run,
            List<AssignmentDetailView> assignments,
            List<ReviewRoutes.CheckView> checks,
            List<PlanningViews.CardPageView> cards,
            PlanningViews.PolicyProfileView profile) {}

    record OriginView(
            String projectId,
            String cardId,
            String runId,
            String assignmentId,
            String executionId,
            String candidateId) {}

    record LineageView(String cardId, List<RunDetailView> runs) {}

    record OriginsView(List<OriginView> items) {}

    record ClaimView(
            RunView run, AssignmentView assignment, ExecutionView execution, PlanningViews.CardPageView card) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/projects/{key}/runs", Access.requires(Permissions.RUN_START), this::start),
                ApiRoute.get(
                        "/api/projects/{key}/runs",
                        Access.requires(Permissions.RUN_READ),
                        ctx -> ctx.json(PageView.of(
                                view.runs(Requests.actor(ctx), Requests.projectKey(ctx), Requests.page(ctx)),
                                RunRoutes::view))),
                ApiRoute.get(
                        "/api/runs/{id}",
                        Access.requires(Permissions.RUN_READ),
                        ctx -> ctx.json(detail(view.run(Requests.actor(ctx), Requests.pathId(ctx, RunId::parse))))),
                ApiRoute.get("/api/cards/{id}/lineage", Access.requires(Permissions.RUN_READ), ctx -> {
                    CardId card = Requests.pathId(ctx, CardId::parse);
                    ctx.json(new LineageView(
                            card.toString(),
                            view.lineage(Requests.actor(ctx), card).stream()
                                    .map(RunRoutes::detail)
                                    .toList()));
                }),
                ApiRoute.get(
                        "/api/commits/{sha}/origin",
                        Access.requires(Permissions.RUN_READ),
                        ctx -> ctx.json(
                                new OriginsView(view.originOfCommit(Requests.actor(ctx), ctx.pathParam("sha")).stream()
                                        .map(RunRoutes::view)
                                        .toList()))),
                ApiRoute.get(
                        "/api/candidates/{id}/origin",
                        Access.requires(Permissions.RUN_READ),
                        ctx -> ctx.json(view(view.originOf(
                                Requests.actor(ctx),
                                Requests.pathId(ctx, io.buildfactory.domain.orchestration.CandidateId::parse))))),
                ApiRoute.get(
                        "/api/approvals/{id}/origin",
                        Access.requires(Permissions.RUN_READ),
                        ctx -> ctx.json(view(view.originOf(
                                Requests.actor(ctx),
                                Requests.pathId(ctx, io.buildfactory.domain.orchestration.ApprovalId::parse))))),
                ApiRoute.post("/api/runs/{id}/cancel", Access.requires(Permissions.RUN_START), ctx -> {
                    CancelBody body = Requests.body(ctx, CancelBody.class);
                    if (body.version() == null) {
                        throw new InvalidInputException("version", "is required: send the version you read");
                    }
                    ctx.json(view(
                            start.cancel(Requests.actor(ctx), Requests.pathId(ctx, RunId::parse), body.version())));
                }),
                ApiRoute.post(
                        "/api/projects/{key}/assignments/claim", Access.requires(Permissions.RUN_EXECUTE), this::claim),
                ApiRoute.post(
                        "/api/executions/{id}/heartbeat", Access.requires(Permissions.RUN_EXECUTE), this::heartbeat),
                ApiRoute.post("/api/executions/{id}/finish", Access.requires(Permissions.RUN_EXECUTE), ctx -> {
                    FinishBody body = Requests.body(ctx, FinishBody.class);
                    ctx.json(view(execute.finish(
                            Requests.actor(ctx),
                            Requests.pathId(ctx, ExecutionId::parse),
                            ExecutionStatus.parse(body.status()),
                            Optional.ofNullable(body.exitReason()))));
                }),
                ApiRoute.post("/api/executions/{id}/commits", Access.requires(Permissions.RUN_EXECUTE), this::commit));
    }

    private void start(Context ctx) {
        NewRunBody body = Requests.body(ctx, NewRunBody.class);
        RunScope scope;
        if ("workflow".equals(body.scope())) {
            if (body.cardId() != null) {
                throw new InvalidInputException("cardId", "is for runs of scope card");
            }
            scope = new RunScope.OfWorkflow(id("workflowId", body.workflowId(), WorkflowId::parse));
        } else if ("card".equals(body.scope())) {
            if (body.workflowId() != null) {
                throw new InvalidInputException("workflowId", "is for runs of scope workflow");
            }
            scope = new RunScope.OfCard(id("cardId", body.cardId(), CardId::parse));
        } else {
            throw new InvalidInputException("scope", "must be workflow or card");
        }
        OrchestrationRun run = start.start(Requests.actor(ctx), Requests.projectKey(ctx), scope);
        ctx.status(201)
                .header("Location", "/api/runs/" + run.id())
                .json(detail(view.run(Requests.actor(ctx), run.id())));
    }

    private void claim(Context ctx) {
        // the body is optional: an execution that works on a repository names it, and takes its lease
        Optional<RepositoryId> repository = ctx.bodyAsBytes().length == 0
                ? Optional.empty()
                : Optional.ofNullable(Requests.body(ctx, ClaimBody.class).repositoryId())
                        .map(text -> id("repositoryId", text, RepositoryId::parse));
        Optional<ExecuteAssignmentsUseCase.Claimed> claimed =
                execute.claim(Requests.actor(ctx), Requests.projectKey(ctx), repository);
        if (claimed.isEmpty()) {
            ctx.status(204);
            return;
        }
        var c = claimed.get();
        CardPage card = c.run().inputs().cards().stream()
                .filter(p -> p.card().id().equals(c.assignment().card()))
                .findFirst()
                .orElseThrow();
        ctx.json(new ClaimView(view(c.run()), view(c.assignment()), view(c.execution()), PlanningViews.view(card)));
    }

    private void heartbeat(Context ctx) {
        HeartbeatBody body = Requests.body(ctx, HeartbeatBody.class);
        ctx.json(view(execute.heartbeat(
                Requests.actor(ctx),
                Requests.pathId(ctx, ExecutionId::parse),
                new AgentExecution.Usage(
                        counter("inputTokens", body.inputTokens()),
                        counter("outputTokens", body.outputTokens()),
                        counter("costMicros", body.costMicros())))));
    }

    private void commit(Context ctx) {
        CommitBody body = Requests.body(ctx, CommitBody.class);
        List<FileChange> files = new ArrayList<>();
        List<FileBody> given = body.files() == null ? List.of() : body.files();
        if (given.size() > AgentCommit.MAX_FILES) {
            throw new InvalidInputException("files", "must list at most " + AgentCommit.MAX_FILES + " files");
        }
        for (int i = 0; i < given.size(); i++) {
            FileBody f = given.get(i);
            if (f == null) {
                throw new InvalidInputException("files[" + i + "]", "must be an object with path and change");
            }
            try {
                files.add(new FileChange(f.path(), ChangeKind.parse(f.change())));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(
                        "files[" + i + "]." + (e.field().equals("change") ? "change" : "path"), e.reason());
            }
        }
        AgentCommit commit = execute.commit(
                Requests.actor(ctx),
                Requests.pathId(ctx, ExecutionId::parse),
                new NewCommit(body.sha(), body.message(), body.author(), files, token(body.fencingToken())));
        ctx.status(201).json(view(commit));
    }

    private static Optional<FencingToken> token(Long value) {
        if (value != null && value < 1) {
            throw new InvalidInputException("fencingToken", "must be 1 or more");
        }
        return Optional.ofNullable(value).map(FencingToken::new);
    }

    private static long counter(String field, Long value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required: the total so far");
        }
        return value;
    }

    private static <I> I id(String field, String text, Function<String, I> parse) {
        if (text == null) {
            throw new InvalidInputException(field, "is required");
        }
        try {
            return parse.apply(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, e.reason());
        }
    }

    static RunView view(OrchestrationRun r) {
        return new RunView(
                r.id().toString(),
                r.project().toString(),
                r.scope().code(),
                r.scope() instanceof RunScope.OfWorkflow w ? w.workflow().toString() : null,
                r.scope() instanceof RunScope.OfCard c ? c.card().toString() : null,
                r.status().code(),
                r.startedBy().toString(),
                r.handoff().orElse(null),
                r.inputs().profile().version(),
                r.createdAt(),
                r.startedAt().orElse(null),
                r.finishedAt().orElse(null),
                r.version());
    }

    static AssignmentView view(CardAssignment a) {
        return new AssignmentView(
                a.id().toString(),
                a.run().toString(),
                a.card().toString(),
                a.featureBranch(),
                a.allowedPaths().stream().map(PathPattern::glob).toList(),
                a.status().code(),
                a.createdAt(),
                a.updatedAt(),
                a.version());
    }

    static ExecutionView view(AgentExecution e) {
        return new ExecutionView(
                e.id().toString(),
                e.assignment().toString(),
                e.agent().toString(),
                e.status().code(),
                e.startedAt(),
                e.heartbeatAt(),
                e.deadline(),
                e.finishedAt().orElse(null),
                e.exitReason().orElse(null),
                e.usage().inputTokens(),
                e.usage().outputTokens(),
                e.usage().costMicros(),
                e.version(),
                e.writeLease().map(w -> w.repository().toString()).orElse(null),
                e.writeLease().map(w -> w.token().value()).orElse(null));
    }

    static CommitView view(AgentCommit c) {
        return new CommitView(
                c.id().toString(),
                c.execution().toString(),
                c.sha(),
                c.message(),
                c.author(),
                c.files().stream()
                        .map(f -> new FileView(f.path(), f.change().code()))
                        .toList(),
                c.flagged(),
                c.offendingPaths(),
                c.committedAt(),
                c.writtenUnder().map(FencingToken::value).orElse(null));
    }

    static OriginView view(ViewRunsUseCase.Origin o) {
        return new OriginView(
                o.project().toString(),
                o.card().toString(),
                o.run().toString(),
                o.assignment().toString(),
                o.execution().map(Object::toString).orElse(null),
                o.candidate().map(Object::toString).orElse(null));
    }

    static RunDetailView detail(ViewRunsUseCase.RunDetail d) {
        return new RunDetailView(
                view(d.run()),
                d.assignments().stream()
                        .map(a -> new AssignmentDetailView(
                                view(a.assignment()),
                                a.executions().stream()
                                        .map(e -> new ExecutionDetailView(
                                                view(e.execution()),
                                                e.commits().stream()
                                                        .map(RunRoutes::view)
                                                        .toList()))
                                        .toList(),
                                a.candidate().map(ReviewRoutes::view).orElse(null),
                                a.approvals().stream().map(ReviewRoutes::view).toList()))
                        .toList(),
                d.checks().stream().map(ReviewRoutes::view).toList(),
                d.run().inputs().cards().stream().map(PlanningViews::view).toList(),
                PlanningViews.view(d.run().inputs().profile()));
    }
}
