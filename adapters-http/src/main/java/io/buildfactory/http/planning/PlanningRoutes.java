package io.buildfactory.http.planning;

import io.buildfactory.application.planning.port.in.PlanUseCase;
import io.buildfactory.application.planning.port.in.PlanUseCase.Outcome;
import io.buildfactory.application.planning.port.in.ViewPlanUseCase;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.planning.ActivityId;
import io.buildfactory.domain.planning.ArtifactId;
import io.buildfactory.domain.planning.ArtifactKind;
import io.buildfactory.domain.planning.ArtifactType;
import io.buildfactory.domain.planning.BuildState;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.CardPriority;
import io.buildfactory.domain.planning.CardStatus;
import io.buildfactory.domain.planning.FileAction;
import io.buildfactory.domain.planning.KnowledgeItemId;
import io.buildfactory.domain.planning.KnowledgeKind;
import io.buildfactory.domain.planning.PlannedFileId;
import io.buildfactory.domain.planning.PlannedFileStatus;
import io.buildfactory.domain.planning.PlanningCommand;
import io.buildfactory.domain.planning.PlanningCommand.*;
import io.buildfactory.domain.planning.QuestionStatus;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A project's plan over HTTP. Every change is a planning action: send {@code Idempotency-Key} to make a retry
 * safe (the first answer comes back, with {@code Idempotent-Replayed: true}), and the project's action sequence
 * you last saw as {@code If-Match} (or {@code expectedSequence} in the body) to apply only if nothing changed
 * since; every answer to a change carries the sequence it took in {@code Planning-Sequence}.
 */
public final class PlanningRoutes implements RouteGroup {

    private final PlanUseCase plan;
    private final ViewPlanUseCase view;

    public PlanningRoutes(PlanUseCase plan, ViewPlanUseCase view) {
        this.plan = plan;
        this.view = view;
    }

    record NewWorkflowBody(String name, String description, Long expectedSequence) {}

    record WorkflowChangeBody(Long version, String name, String description, Long expectedSequence) {}

    record MoveBody(String after, Long expectedSequence) {}

    record MoveCardBody(String after, String activityId, Long expectedSequence) {}

    record NewActivityBody(String name, String color, Long expectedSequence) {}

    record ActivityChangeBody(Long version, String name, String color, Long expectedSequence) {}

    record NewCardBody(
            String title,
            String description,
            String status,
            String priority,
            String buildState,
            Long expectedSequence) {}

    record CardChangeBody(
            Long version,
            String title,
            String description,
            String status,
            String priority,
            String buildState,
            Long expectedSequence) {}

    record NewKnowledgeBody(
            String kind,
            String text,
            String source,
            Integer confidence,
            String answer,
            String status,
            Long expectedSequence) {}

    record KnowledgeChangeBody(
            Long version,
            String text,
            String source,
            Integer confidence,
            String answer,
            String status,
            Long expectedSequence) {}

    record NewPlannedFileBody(
            String logicalPath,
            String moduleHint,
            String artifactKind,
            String action,
            String intentSummary,
            String contractNotes,
            String status,
            Long expectedSequence) {}

    record PlannedFileChangeBody(
            Long version,
            String logicalPath,
            String moduleHint,
            String artifactKind,
            String action,
            String intentSummary,
            String contractNotes,
            String status,
            Long expectedSequence) {}

    record NewArtifactBody(
            String type, String title, String content, String uri, String integrationRef, Long expectedSequence) {}

    record ArtifactChangeBody(
            Long version,
            String type,
            String title,
            String content,
            String uri,
            String integrationRef,
            Long expectedSequence) {}

    record PolicyProfileBody(
            Long version,
            List<String> requiredChecks,
            List<String> allowedPaths,
            List<String> forbiddenPaths,
            Long signalsStaleAfterSeconds,
            Long expectedSequence) {}

    private static final Permission READ = Permissions.PLANNING_READ;
    private static final Permission WRITE = Permissions.PLANNING_WRITE;

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                // reads
                ApiRoute.get(
                        "/api/projects/{key}/workflows",
                        Access.requires(READ),
                        ctx -> ctx.json(PageView.of(
                                view.workflows(Requests.actor(ctx), Requests.projectKey(ctx), Requests.page(ctx)),
                                PlanningViews::view))),
                ApiRoute.get("/api/workflows/{id}", Access.requires(READ), ctx -> {
                    var w = view.workflow(Requests.actor(ctx), Requests.pathId(ctx, WorkflowId::parse));
                    ctx.json(new PlanningViews.WorkflowWithActivitiesView(
                            PlanningViews.view(w.workflow()),
                            w.activities().stream().map(PlanningViews::view).toList()));
                }),
                ApiRoute.get(
                        "/api/activities/{id}",
                        Access.requires(READ),
                        ctx -> ctx.json(PlanningViews.view(
                                view.activity(Requests.actor(ctx), Requests.pathId(ctx, ActivityId::parse))))),
                ApiRoute.get(
                        "/api/activities/{id}/cards",
                        Access.requires(READ),
                        ctx -> ctx.json(PageView.of(
                                view.cards(
                                        Requests.actor(ctx),
                                        Requests.pathId(ctx, ActivityId::parse),
                                        Requests.page(ctx)),
                                PlanningViews::view))),
                ApiRoute.get(
                        "/api/cards/{id}",
                        Access.requires(READ),
                        ctx -> ctx.json(PlanningViews.view(
                                view.card(Requests.actor(ctx), Requests.pathId(ctx, CardId::parse))))),
                ApiRoute.get(
                        "/api/knowledge/{id}",
                        Access.requires(READ),
                        ctx -> ctx.json(PlanningViews.view(
                                view.knowledge(Requests.actor(ctx), Requests.pathId(ctx, KnowledgeItemId::parse))))),
                ApiRoute.get(
                        "/api/planned-files/{id}",
                        Access.requires(READ),
                        ctx -> ctx.json(PlanningViews.view(
                                view.plannedFile(Requests.actor(ctx), Requests.pathId(ctx, PlannedFileId::parse))))),
                ApiRoute.get(
                        "/api/projects/{key}/artifacts",
                        Access.requires(READ),
                        ctx -> ctx.json(PageView.of(
                                view.artifacts(Requests.actor(ctx), Requests.projectKey(ctx), Requests.page(ctx)),
                                PlanningViews::view))),
                ApiRoute.get(
                        "/api/artifacts/{id}",
                        Access.requires(READ),
                        ctx -> ctx.json(PlanningViews.view(
                                view.artifact(Requests.actor(ctx), Requests.pathId(ctx, ArtifactId::parse))))),
                ApiRoute.get(
                        "/api/projects/{key}/policy-profile",
                        Access.requires(READ),
                        ctx -> ctx.json(
                                PlanningViews.view(view.policyProfile(Requests.actor(ctx), Requests.projectKey(ctx))))),
                ApiRoute.get("/api/projects/{key}/planning-actions", Access.requires(READ), this::actions),
                // workflows
                ApiRoute.post("/api/projects/{key}/workflows", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, NewWorkflowBody.class);
                    apply(
                            ctx,
                            new CreateWorkflow(Requests.projectKey(ctx), b.name(), b.description()),
                            b.expectedSequence());
                }),
                change("/api/workflows/{id}", ctx -> {
                    var b = Requests.body(ctx, WorkflowChangeBody.class);
                    apply(
                            ctx,
                            new EditWorkflow(
                                    Requests.pathId(ctx, WorkflowId::parse),
                                    version(b.version()),
                                    Optional.ofNullable(b.name()),
                                    Optional.ofNullable(b.description())),
                            b.expectedSequence());
                }),
                ApiRoute.post("/api/workflows/{id}/move", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, MoveBody.class);
                    apply(
                            ctx,
                            new MoveWorkflow(
                                    Requests.pathId(ctx, WorkflowId::parse),
                                    field("after", b.after(), WorkflowId::parse)),
                            b.expectedSequence());
                }),
                delete(
                        "/api/workflows/{id}",
                        ctx -> new DeleteWorkflow(Requests.pathId(ctx, WorkflowId::parse), version(ctx))),
                // activities
                ApiRoute.post("/api/workflows/{id}/activities", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, NewActivityBody.class);
                    apply(
                            ctx,
                            new CreateActivity(
                                    Requests.pathId(ctx, WorkflowId::parse), b.name(), Optional.ofNullable(b.color())),
                            b.expectedSequence());
                }),
                change("/api/activities/{id}", ctx -> {
                    var b = Requests.body(ctx, ActivityChangeBody.class);
                    apply(
                            ctx,
                            new EditActivity(
                                    Requests.pathId(ctx, ActivityId::parse),
                                    version(b.version()),
                                    Optional.ofNullable(b.name()),
                                    Optional.ofNullable(b.color())),
                            b.expectedSequence());
                }),
                ApiRoute.post("/api/activities/{id}/move", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, MoveBody.class);
                    apply(
                            ctx,
                            new MoveActivity(
                                    Requests.pathId(ctx, ActivityId::parse),
                                    field("after", b.after(), ActivityId::parse)),
                            b.expectedSequence());
                }),
                delete(
                        "/api/activities/{id}",
                        ctx -> new DeleteActivity(Requests.pathId(ctx, ActivityId::parse), version(ctx))),
                // cards
                ApiRoute.post("/api/activities/{id}/cards", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, NewCardBody.class);
                    apply(
                            ctx,
                            new CreateCard(
                                    Requests.pathId(ctx, ActivityId::parse),
                                    b.title(),
                                    b.description(),
                                    Optional.ofNullable(b.status()).map(CardStatus::parse),
                                    Optional.ofNullable(b.priority()).map(CardPriority::parse),
                                    Optional.ofNullable(b.buildState()).map(BuildState::parse)),
                            b.expectedSequence());
                }),
                change("/api/cards/{id}", ctx -> {
                    var b = Requests.body(ctx, CardChangeBody.class);
                    apply(
                            ctx,
                            new EditCard(
                                    Requests.pathId(ctx, CardId::parse),
                                    version(b.version()),
                                    Optional.ofNullable(b.title()),
                                    Optional.ofNullable(b.description()),
                                    Optional.ofNullable(b.status()).map(CardStatus::parse),
                                    Optional.ofNullable(b.priority()).map(CardPriority::parse),
                                    Optional.ofNullable(b.buildState()).map(BuildState::parse)),
                            b.expectedSequence());
                }),
                ApiRoute.post("/api/cards/{id}/move", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, MoveCardBody.class);
                    apply(
                            ctx,
                            new MoveCard(
                                    Requests.pathId(ctx, CardId::parse),
                                    field("activityId", b.activityId(), ActivityId::parse),
                                    field("after", b.after(), CardId::parse)),
                            b.expectedSequence());
                }),
                delete("/api/cards/{id}", ctx -> new DeleteCard(Requests.pathId(ctx, CardId::parse), version(ctx))),
                // knowledge
                ApiRoute.post("/api/cards/{id}/knowledge", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, NewKnowledgeBody.class);
                    apply(
                            ctx,
                            new CreateKnowledge(
                                    Requests.pathId(ctx, CardId::parse),
                                    KnowledgeKind.parse(b.kind()),
                                    b.text(),
                                    Optional.ofNullable(b.source()),
                                    Optional.ofNullable(b.confidence()),
                                    Optional.ofNullable(b.answer()),
                                    Optional.ofNullable(b.status()).map(QuestionStatus::parse)),
                            b.expectedSequence());
                }),
                change("/api/knowledge/{id}", ctx -> {
                    var b = Requests.body(ctx, KnowledgeChangeBody.class);
                    apply(
                            ctx,
                            new EditKnowledge(
                                    Requests.pathId(ctx, KnowledgeItemId::parse),
                                    version(b.version()),
                                    Optional.ofNullable(b.text()),
                                    Optional.ofNullable(b.source()),
                                    Optional.ofNullable(b.confidence()),
                                    Optional.ofNullable(b.answer()),
                                    Optional.ofNullable(b.status()).map(QuestionStatus::parse)),
                            b.expectedSequence());
                }),
                ApiRoute.post("/api/knowledge/{id}/move", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, MoveBody.class);
                    apply(
                            ctx,
                            new MoveKnowledge(
                                    Requests.pathId(ctx, KnowledgeItemId::parse),
                                    field("after", b.after(), KnowledgeItemId::parse)),
                            b.expectedSequence());
                }),
                delete(
                        "/api/knowledge/{id}",
                        ctx -> new DeleteKnowledge(Requests.pathId(ctx, KnowledgeItemId::parse), version(ctx))),
                // planned files
                ApiRoute.post("/api/cards/{id}/planned-files", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, NewPlannedFileBody.class);
                    apply(
                            ctx,
                            new CreatePlannedFile(
                                    Requests.pathId(ctx, CardId::parse),
                                    b.logicalPath(),
                                    Optional.ofNullable(b.moduleHint()),
                                    ArtifactKind.parse(b.artifactKind()),
                                    FileAction.parse(b.action()),
                                    b.intentSummary(),
                                    Optional.ofNullable(b.contractNotes()),
                                    Optional.ofNullable(b.status()).map(PlannedFileStatus::parse)),
                            b.expectedSequence());
                }),
                change("/api/planned-files/{id}", ctx -> {
                    var b = Requests.body(ctx, PlannedFileChangeBody.class);
                    apply(
                            ctx,
                            new EditPlannedFile(
                                    Requests.pathId(ctx, PlannedFileId::parse),
                                    version(b.version()),
                                    Optional.ofNullable(b.logicalPath()),
                                    Optional.ofNullable(b.moduleHint()),
                                    Optional.ofNullable(b.artifactKind()).map(ArtifactKind::parse),
                                    Optional.ofNullable(b.action()).map(FileAction::parse),
                                    Optional.ofNullable(b.intentSummary()),
                                    Optional.ofNullable(b.contractNotes()),
                                    Optional.ofNullable(b.status()).map(PlannedFileStatus::parse)),
                            b.expectedSequence());
                }),
                ApiRoute.post("/api/planned-files/{id}/move", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, MoveBody.class);
                    apply(
                            ctx,
                            new MovePlannedFile(
                                    Requests.pathId(ctx, PlannedFileId::parse),
                                    field("after", b.after(), PlannedFileId::parse)),
                            b.expectedSequence());
                }),
                delete(
                        "/api/planned-files/{id}",
                        ctx -> new DeletePlannedFile(Requests.pathId(ctx, PlannedFileId::parse), version(ctx))),
                // artifacts and their links
                ApiRoute.post("/api/projects/{key}/artifacts", Access.requires(WRITE), ctx -> {
                    var b = Requests.body(ctx, NewArtifactBody.class);
                    apply(
                            ctx,
                            new CreateArtifact(
                                    Requests.projectKey(ctx),
                                    ArtifactType.parse(b.type()),
                                    b.title(),
                                    Optional.ofNullable(b.content()),
                                    Optional.ofNullable(b.uri()),
                                    Optional.ofNullable(b.integrationRef())),
                            b.expectedSequence());
                }),
                change("/api/artifacts/{id}", ctx -> {
                    var b = Requests.body(ctx, ArtifactChangeBody.class);
                    apply(
                            ctx,
                            new EditArtifact(
                                    Requests.pathId(ctx, ArtifactId::parse),
                                    version(b.version()),
                                    Optional.ofNullable(b.type()).map(ArtifactType::parse),
                                    Optional.ofNullable(b.title()),
                                    Optional.ofNullable(b.content()),
                                    Optional.ofNullable(b.uri()),
                                    Optional.ofNullable(b.integrationRef())),
                            b.expectedSequence());
                }),
                delete(
                        "/api/artifacts/{id}",
                        ctx -> new DeleteArtifact(Requests.pathId(ctx, ArtifactId::parse), version(ctx))),
                new ApiRoute(
                        HandlerType.PUT,
                        "/api/cards/{id}/artifacts/{artifactId}",
                        Access.requires(WRITE),
                        ctx -> apply(ctx, new LinkArtifact(Requests.pathId(ctx, CardId::parse), artifact(ctx)), null)),
                new ApiRoute(
                        HandlerType.DELETE,
                        "/api/cards/{id}/artifacts/{artifactId}",
                        Access.requires(WRITE),
                        ctx -> apply(
                                ctx, new UnlinkArtifact(Requests.pathId(ctx, CardId::parse), artifact(ctx)), null)),
                // the policy profile
                new ApiRoute(
                        HandlerType.PUT,
                        "/api/projects/{key}/policy-profile",
                        Access.requires(Permissions.PLANNING_MANAGE_POLICY),
                        ctx -> {
                            var b = Requests.body(ctx, PolicyProfileBody.class);
                            apply(
                                    ctx,
                                    new SetPolicyProfile(
                                            Requests.projectKey(ctx),
                                            version(b.version()),
                                            list("requiredChecks", b.requiredChecks()),
                                            list("allowedPaths", b.allowedPaths()),
                                            list("forbiddenPaths", b.forbiddenPaths()),
                                            Optional.ofNullable(b.signalsStaleAfterSeconds())
                                                    .map(Duration::ofSeconds)),
                                    b.expectedSequence());
                        }));
    }

    private static ApiRoute change(String path, Handler handler) {
        return new ApiRoute(HandlerType.PATCH, path, Access.requires(WRITE), handler);
    }

    private ApiRoute delete(String path, Function<Context, PlanningCommand> command) {
        return new ApiRoute(
                HandlerType.DELETE, path, Access.requires(WRITE), ctx -> apply(ctx, command.apply(ctx), null));
    }

    /** Applies the command; a new object is 201, a change 200 with the object, a deletion 204; replays alike. */
    private void apply(Context ctx, PlanningCommand command, Long bodySequence) {
        Outcome outcome = plan.apply(
                Requests.actor(ctx),
                new PlanUseCase.Request(command, idempotencyKey(ctx), expectedSequence(ctx, bodySequence)));
        ctx.header("Planning-Sequence", Long.toString(outcome.action().sequence()));
        if (outcome instanceof PlanUseCase.Replayed) {
            ctx.header("Idempotent-Replayed", "true");
        }
        switch (command.effect()) {
            case CREATE ->
                ctx.status(201).json(PlanningViews.view(outcome.action().result()));
            case CHANGE -> ctx.json(PlanningViews.view(outcome.action().result()));
            case DELETE -> ctx.status(204);
        }
    }

    private void actions(Context ctx) {
        long after = Requests.query(ctx, "after").map(a -> number("after", a)).orElse(0L);
        int limit = Requests.query(ctx, "limit")
                .map(l -> (int) Math.min(Integer.MAX_VALUE, number("limit", l)))
                .orElse(PageRequest.DEFAULT_LIMIT);
        var actions = view.actions(Requests.actor(ctx), Requests.projectKey(ctx), after, limit);
        ctx.json(Map.of(
                "items",
                actions.stream().map(PlanningViews::view).toList(),
                "last",
                actions.isEmpty() ? after : actions.getLast().sequence()));
    }

    private static Optional<String> idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            return Optional.empty();
        }
        if (key.isBlank() || key.length() > 200 || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new InvalidInputException("Idempotency-Key", "must be 1-200 visible ASCII characters");
        }
        return Optional.of(key);
    }

    /** The sequence the caller last saw, from {@code If-Match} ({@code 7} or {@code "7"}) or the body. */
    private static OptionalLong expectedSequence(Context ctx, Long bodySequence) {
        String header = ctx.header("If-Match");
        OptionalLong fromHeader = OptionalLong.empty();
        if (header != null) {
            String value = header.strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            fromHeader = OptionalLong.of(number("If-Match", value));
        }
        if (bodySequence != null && bodySequence < 0) {
            throw new InvalidInputException("expectedSequence", "must be 0 or more");
        }
        if (bodySequence != null && fromHeader.isPresent() && fromHeader.getAsLong() != bodySequence) {
            throw new InvalidInputException("expectedSequence", "differs from If-Match: send one of them");
        }
        return bodySequence != null ? OptionalLong.of(bodySequence) : fromHeader;
    }

    private static long number(String field, String text) {
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw new InvalidInputException(field, "must be 0 or more");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }

    private static long version(Long version) {
        if (version == null) {
            throw new InvalidInputException("version", "is required: send the version you read");
        }
        return version;
    }

    /** {@code ?version=} of a deletion: the version the caller read. */
    private static long version(Context ctx) {
        return number(
                "version",
                Requests.query(ctx, "version")
                        .orElseThrow(() ->
                                new InvalidInputException("version", "is required: send ?version= of what you read")));
    }

    /** A list from the body: absent is empty; a null entry is refused, naming it. */
    private static List<String> list(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidInputException(field + "[" + i + "]", "must be a string, not null");
            }
        }
        return values;
    }

    /** The id in the path; a malformed one is 404, as nothing can have it. */
    private static ArtifactId artifact(Context ctx) {
        try {
            return ArtifactId.parse(ctx.pathParam("artifactId"));
        } catch (InvalidInputException e) {
            throw new NotFoundException("artifact", ctx.pathParam("artifactId"));
        }
    }

    /** An optional id in the body; a malformed one is a 400 naming the field. */
    private static <I> Optional<I> field(String field, String text, Function<String, I> parse) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(text));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, e.reason());
        }
    }
}
