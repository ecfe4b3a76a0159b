package io.buildfactory.http.conversations;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.buildfactory.application.conversations.port.in.ConversationView;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase;
import io.buildfactory.application.conversations.port.in.ExportConversationsUseCase;
import io.buildfactory.application.conversations.port.in.ManageConversationUseCase;
import io.buildfactory.application.conversations.port.in.ManageRetentionUseCase;
import io.buildfactory.application.conversations.port.in.StartConversationUseCase;
import io.buildfactory.application.conversations.port.in.ViewConversationsUseCase;
import io.buildfactory.application.identity.port.in.EraseUserUseCase;
import io.buildfactory.domain.conversations.ConversationAccess;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeId;
import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.conversations.RetentionPolicy;
import io.buildfactory.domain.conversations.RetentionPolicyId;
import io.buildfactory.domain.conversations.RetentionRule;
import io.buildfactory.domain.conversations.RetentionScope;
import io.buildfactory.domain.conversations.TokenUsage;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Conversations and their exchanges, retention policies and user erasure. Who may do what with one conversation
 * is decided by the use cases from the caller's part in it; strangers are told it does not exist.
 */
public final class ConversationRoutes implements RouteGroup {

    static final String BASE = "/api/conversations";
    static final String ONE = BASE + "/{id}";

    /** The use cases behind the routes. */
    public record UseCases(
            StartConversationUseCase start,
            ViewConversationsUseCase view,
            ManageConversationUseCase manage,
            ExchangeUseCase exchanges,
            ExportConversationsUseCase export,
            ManageRetentionUseCase retention,
            EraseUserUseCase erasure) {}

    private final UseCases uses;

    public ConversationRoutes(UseCases uses) {
        this.uses = uses;
    }

    record NewConversationBody(String title, String projectKey, String workItemId) {}

    record RenameBody(Long version, String title) {}

    record ShareBody(String role) {}

    record LegalHoldBody(Boolean held, String reason) {}

    record NewExchangeBody(String agentId, String request) {}

    record TransitionBody(String state, String response, Long inputTokens, Long outputTokens, Long version) {}

    record RetentionBody(String scope, String target, Integer keepDays, Long version) {}

    record ParticipantView(String userId, String role, Instant addedAt) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RetentionView(Long keepDays, Instant deletableAt) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ConversationJson(
            String id,
            String title,
            String ownerId,
            String projectKey,
            String workItemId,
            String access,
            List<ParticipantView> participants,
            boolean legalHold,
            long exchangeCount,
            RetentionView retention,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    record MembershipJson(String id, String title, String role, long exchangeCount, Instant updatedAt) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ExchangeJson(
            String id,
            String conversationId,
            long sequence,
            String authorId,
            String agentId,
            String request,
            String response,
            String state,
            long inputTokens,
            long outputTokens,
            Map<String, Integer> findings,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EventJson(
            String id, String event, String exchangeId, String actorId, Map<String, String> details, Instant at) {}

    record ExportJson(ConversationJson conversation, List<ExchangeJson> exchanges, List<EventJson> history) {}

    record ExportAllJson(String userId, Instant exportedAt, List<ExportJson> conversations) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RetentionPolicyJson(
            String id,
            String scope,
            String target,
            Long keepDays,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    record ErasureJson(String userId, int conversationsPurged, long exchangesPurged) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(BASE, Access.requires(Permissions.CONVERSATION_CREATE), this::start),
                ApiRoute.get(BASE, Access.signedIn(), this::list),
                ApiRoute.get(ONE, Access.signedIn(), this::get),
                new ApiRoute(HandlerType.PATCH, ONE, Access.signedIn(), this::rename),
                new ApiRoute(HandlerType.DELETE, ONE, Access.signedIn(), this::delete),
                new ApiRoute(HandlerType.PUT, ONE + "/participants/{userId}", Access.signedIn(), this::share),
                new ApiRoute(HandlerType.DELETE, ONE + "/participants/{userId}", Access.signedIn(), this::unshare),
                new ApiRoute(
                        HandlerType.PUT,
                        ONE + "/legal-hold",
                        Access.requires(Permissions.RETENTION_MANAGE),
                        this::legalHold),
                ApiRoute.get(ONE + "/exchanges", Access.signedIn(), this::exchanges),
                ApiRoute.post(ONE + "/exchanges", Access.signedIn(), this::append),
                ApiRoute.post(ONE + "/exchanges/{exchangeId}/transitions", Access.signedIn(), this::transition),
                ApiRoute.get(
                        ONE + "/exchanges/{exchangeId}/reveal",
                        Access.requires(Permissions.CONVERSATION_REVEAL),
                        this::reveal),
                ApiRoute.get(ONE + "/history", Access.signedIn(), this::history),
                ApiRoute.get(ONE + "/export", Access.signedIn(), this::export),
                ApiRoute.get("/api/users/{id}/conversations/export", Access.signedIn(), this::exportAll),
                ApiRoute.post("/api/users/{id}/erasure", Access.selfOr(Permissions.USER_MANAGE), this::erase),
                ApiRoute.get("/api/retention-policies", Access.requires(Permissions.RETENTION_MANAGE), this::policies),
                new ApiRoute(
                        HandlerType.PUT,
                        "/api/retention-policies",
                        Access.requires(Permissions.RETENTION_MANAGE),
                        this::putPolicy),
                new ApiRoute(
                        HandlerType.DELETE,
                        "/api/retention-policies/{id}",
                        Access.requires(Permissions.RETENTION_MANAGE),
                        this::removePolicy));
    }

    // ---- conversations ----

    private void start(Context ctx) {
        NewConversationBody body = Requests.body(ctx, NewConversationBody.class);
        ConversationView view = uses.start()
                .start(
                        Requests.actor(ctx),
                        new StartConversationUseCase.NewConversation(
                                body.title(),
                                Optional.ofNullable(body.projectKey()),
                                Optional.ofNullable(body.workItemId())));
        ctx.status(201)
                .header("Location", BASE + "/" + view.conversation().id())
                .json(json(view));
    }

    private void list(Context ctx) {
        ctx.json(PageView.of(
                uses.view().list(Requests.actor(ctx), Requests.page(ctx)),
                m -> new MembershipJson(
                        m.conversation().id().toString(),
                        m.conversation().title(),
                        m.role().code(),
                        m.conversation().exchangeCount(),
                        m.conversation().updatedAt())));
    }

    private void get(Context ctx) {
        ctx.json(json(uses.view().get(Requests.actor(ctx), id(ctx), reason(ctx))));
    }

    private void rename(Context ctx) {
        RenameBody body = Requests.body(ctx, RenameBody.class);
        if (body.version() == null) {
            throw new InvalidInputException("version", "is required: send the version you read");
        }
        ctx.json(json(uses.manage().rename(Requests.actor(ctx), id(ctx), body.version(), body.title())));
    }

    private void delete(Context ctx) {
        uses.manage().delete(Requests.actor(ctx), id(ctx));
        ctx.status(204);
    }

    private void share(Context ctx) {
        ShareBody body = Requests.body(ctx, ShareBody.class);
        ParticipantRole role = ParticipantRole.shareable(body.role() == null ? "" : body.role());
        ctx.json(json(uses.manage().share(Requests.actor(ctx), id(ctx), userId(ctx, "userId"), role)));
    }

    private void unshare(Context ctx) {
        uses.manage().unshare(Requests.actor(ctx), id(ctx), userId(ctx, "userId"));
        ctx.status(204);
    }

    private void legalHold(Context ctx) {
        LegalHoldBody body = Requests.body(ctx, LegalHoldBody.class);
        if (body.held() == null) {
            throw new InvalidInputException("held", "is required: true to place the hold, false to lift it");
        }
        // No view of the conversation: holding it is not reading it.
        uses.manage().legalHold(Requests.actor(ctx), id(ctx), body.held(), Optional.ofNullable(body.reason()));
        ctx.status(204);
    }

    // ---- exchanges ----

    private void exchanges(Context ctx) {
        ctx.json(PageView.of(
                uses.view().exchanges(Requests.actor(ctx), id(ctx), reason(ctx), Requests.page(ctx)),
                ConversationRoutes::json));
    }

    private void append(Context ctx) {
        NewExchangeBody body = Requests.body(ctx, NewExchangeBody.class);
        Exchange e = uses.exchanges()
                .append(Requests.actor(ctx), id(ctx), new ExchangeUseCase.NewExchange(body.agentId(), body.request()));
        ctx.status(201)
                .header("Location", BASE + "/" + e.conversationId() + "/exchanges/" + e.id())
                .json(json(e));
    }

    private void transition(Context ctx) {
        TransitionBody body = Requests.body(ctx, TransitionBody.class);
        Optional<TokenUsage> tokens = body.inputTokens() == null && body.outputTokens() == null
                ? Optional.empty()
                : Optional.of(new TokenUsage(
                        body.inputTokens() == null ? 0 : body.inputTokens(),
                        body.outputTokens() == null ? 0 : body.outputTokens()));
        ctx.json(json(uses.exchanges()
                .transition(
                        Requests.actor(ctx),
                        id(ctx),
                        exchangeId(ctx),
                        new ExchangeUseCase.Transition(
                                ExchangeState.fromCode(body.state()),
                                Optional.ofNullable(body.response()),
                                tokens,
                                Optional.ofNullable(body.version())))));
    }

    private void reveal(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(json(uses.exchanges().reveal(Requests.actor(ctx), id(ctx), exchangeId(ctx), reason(ctx))));
    }

    private void history(Context ctx) {
        ctx.json(PageView.of(
                uses.view().history(Requests.actor(ctx), id(ctx), reason(ctx), Requests.page(ctx)),
                ConversationRoutes::json));
    }

    // ---- export ----

    private void export(Context ctx) {
        ConversationId id = id(ctx);
        ExportConversationsUseCase.ConversationExport export =
                uses.export().export(Requests.actor(ctx), id, reason(ctx));
        ctx.header("Content-Disposition", "attachment; filename=\"conversation-" + id + ".json\"");
        ctx.json(json(export));
    }

    private void exportAll(Context ctx) {
        UserId user = userId(ctx, "id");
        var export = uses.export().exportAll(Requests.actor(ctx), user);
        ctx.header("Content-Disposition", "attachment; filename=\"conversations-" + user + ".json\"");
        ctx.json(new ExportAllJson(
                user.toString(),
                export.exportedAt(),
                export.conversations().stream().map(ConversationRoutes::json).toList()));
    }

    private void erase(Context ctx) {
        EraseUserUseCase.Erasure erasure = uses.erasure().erase(Requests.actor(ctx), userId(ctx, "id"));
        ctx.json(new ErasureJson(erasure.user().toString(), erasure.conversationsPurged(), erasure.exchangesPurged()));
    }

    // ---- retention policies ----

    private void policies(Context ctx) {
        ctx.json(Map.of(
                "items",
                uses.retention().list(Requests.actor(ctx)).stream()
                        .map(ConversationRoutes::json)
                        .toList()));
    }

    private void putPolicy(Context ctx) {
        RetentionBody body = Requests.body(ctx, RetentionBody.class);
        ctx.json(json(uses.retention()
                .put(
                        Requests.actor(ctx),
                        RetentionScope.fromCode(body.scope()),
                        body.target(),
                        Optional.ofNullable(body.keepDays()),
                        Optional.ofNullable(body.version()))));
    }

    private void removePolicy(Context ctx) {
        uses.retention().remove(Requests.actor(ctx), RetentionPolicyId.parse(ctx.pathParam("id")));
        ctx.status(204);
    }

    // ---- mapping ----

    private static ConversationId id(Context ctx) {
        return ConversationId.parse(ctx.pathParam("id"));
    }

    private static ExchangeId exchangeId(Context ctx) {
        return ExchangeId.parse(ctx.pathParam("exchangeId"));
    }

    private static UserId userId(Context ctx, String param) {
        return UserId.parse(ctx.pathParam(param));
    }

    private static Optional<String> reason(Context ctx) {
        return Optional.ofNullable(ctx.header(ConversationAccess.REASON_HEADER)).filter(r -> !r.isBlank());
    }

    static ConversationJson json(ConversationView v) {
        var c = v.conversation();
        return new ConversationJson(
                c.id().toString(),
                c.title(),
                c.ownerId().toString(),
                c.projectKey().map(ProjectKey::value).orElse(null),
                c.workItemId().map(WorkItemId::toString).orElse(null),
                v.access().code(),
                v.participants().stream()
                        .map(p -> new ParticipantView(
                                p.userId().toString(), p.role().code(), p.addedAt()))
                        .toList(),
                c.legalHold(),
                c.exchangeCount(),
                new RetentionView(
                        v.retention()
                                .flatMap(RetentionRule::deleteAfter)
                                .map(d -> d.toDays())
                                .orElse(null),
                        v.deletableAt().orElse(null)),
                c.createdAt(),
                c.updatedAt(),
                c.version());
    }

    static ExchangeJson json(Exchange e) {
        Map<String, Integer> findings = new TreeMap<>();
        e.findings().forEach((k, n) -> findings.put(k.code(), n));
        return new ExchangeJson(
                e.id().toString(),
                e.conversationId().toString(),
                e.sequence(),
                e.authorId().map(UserId::toString).orElse(null),
                e.agentId(),
                e.requestContent(),
                e.responseContent().orElse(null),
                e.state().code(),
                e.tokens().input(),
                e.tokens().output(),
                findings,
                e.createdAt(),
                e.updatedAt(),
                e.version());
    }

    static EventJson json(ConversationEvent e) {
        return new EventJson(
                e.id().value(),
                e.event(),
                e.exchangeId().map(ExchangeId::toString).orElse(null),
                e.actorId().map(UserId::toString).orElse(null),
                e.details(),
                e.recordedAt());
    }

    static ExportJson json(ExportConversationsUseCase.ConversationExport x) {
        return new ExportJson(
                json(x.view()),
                x.exchanges().stream().map(ConversationRoutes::json).toList(),
                x.history().stream().map(ConversationRoutes::json).toList());
    }

    static RetentionPolicyJson json(RetentionPolicy p) {
        return new RetentionPolicyJson(
                p.id().toString(),
                p.scope().code(),
                p.scope() == RetentionScope.GLOBAL ? null : p.target(),
                p.rule().deleteAfter().map(d -> d.toDays()).orElse(null),
                p.createdAt(),
                p.updatedAt(),
                p.version());
    }
}
