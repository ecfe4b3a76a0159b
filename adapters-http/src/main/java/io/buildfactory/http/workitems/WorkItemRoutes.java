package io.buildfactory.http.workitems;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.application.workitems.port.in.CreateWorkItemUseCase;
import io.buildfactory.application.workitems.port.in.CreateWorkItemUseCase.NewWorkItem;
import io.buildfactory.application.workitems.port.in.ExecuteActionUseCase;
import io.buildfactory.application.workitems.port.in.ExecuteActionUseCase.ExecuteAction;
import io.buildfactory.application.workitems.port.in.ManagePolicyUseCase;
import io.buildfactory.application.workitems.port.in.UpdateWorkItemUseCase;
import io.buildfactory.application.workitems.port.in.UpdateWorkItemUseCase.WorkItemChange;
import io.buildfactory.application.workitems.port.in.ViewWorkItemsUseCase;
import io.buildfactory.application.workitems.port.in.WorkItemDraft;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.ActionBlockedException;
import io.buildfactory.domain.workitems.ActionOutcome;
import io.buildfactory.domain.workitems.DoneCriterion;
import io.buildfactory.domain.workitems.Gate;
import io.buildfactory.domain.workitems.Lane;
import io.buildfactory.domain.workitems.PolicyProfile;
import io.buildfactory.domain.workitems.PromptContext;
import io.buildfactory.domain.workitems.PullRequest;
import io.buildfactory.domain.workitems.QueueTruth;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemFilter;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemRef;
import io.buildfactory.domain.workitems.WorkType;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.GateViews;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The work-item control plane: items, their actions with gate verdicts, history, and project policies. */
public final class WorkItemRoutes implements RouteGroup {

    static final String ITEMS = "/api/control-plane/items";

    private final CreateWorkItemUseCase create;
    private final UpdateWorkItemUseCase update;
    private final ViewWorkItemsUseCase view;
    private final ExecuteActionUseCase execute;
    private final ManagePolicyUseCase policy;
    private final ObjectMapper json;

    public WorkItemRoutes(
            CreateWorkItemUseCase create,
            UpdateWorkItemUseCase update,
            ViewWorkItemsUseCase view,
            ExecuteActionUseCase execute,
            ManagePolicyUseCase policy,
            ObjectMapper json) {
        this.create = create;
        this.update = update;
        this.view = view;
        this.execute = execute;
        this.policy = policy;
        this.json = json;
    }

    record PullRequestBody(String url, String state) {}

    record CriterionBody(String statement, Boolean met) {}

    record PromptBody(String path, String text) {}

    record ItemBody(
            Long version,
            String projectKey,
            String title,
            String description,
            String workType,
            String source,
            String branch,
            String validationCommand,
            PullRequestBody pullRequest,
            List<CriterionBody> doneCriteria,
            PromptBody promptContext,
            List<String> dependencies) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ItemView(
            String id,
            String key,
            String projectKey,
            String title,
            String description,
            String workType,
            String lane,
            String status,
            String state,
            String source,
            String branch,
            String validationCommand,
            PullRequestBody pullRequest,
            List<CriterionBody> doneCriteria,
            boolean doneCriteriaMet,
            PromptBody promptContext,
            List<String> dependencies,
            boolean blocked,
            String blockedReason,
            Object lastValidation,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    record ActionView(
            String identity,
            String title,
            String description,
            String permission,
            boolean permitted,
            boolean enabled,
            String endpoint,
            List<GateViews.GateView> gates) {}

    record ControlPlaneView(ItemView item, List<ActionView> actions, QueueTruth queueTruth, long policyVersion) {}

    record ActionResultView(
            String action, String outcome, ItemView item, List<GateViews.GateView> gates, long policyVersion) {}

    record PolicyView(String projectKey, long version, Map<String, Map<String, String>> gates) {}

    record PolicyBody(Long version, Map<String, Map<String, String>> gates) {}

    record HistoryView(String id, long itemVersion, String reason, String capturedBy, Object snapshot, Instant at) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(ITEMS, Access.requires(Permissions.WORK_ITEM_CREATE), this::create),
                ApiRoute.get(ITEMS, Access.requires(Permissions.WORK_ITEM_READ), this::list),
                ApiRoute.get(ITEMS + "/{id}", Access.requires(Permissions.WORK_ITEM_READ), this::view),
                new ApiRoute(
                        HandlerType.PATCH,
                        ITEMS + "/{id}",
                        Access.requires(Permissions.WORK_ITEM_UPDATE),
                        this::update),
                ApiRoute.get(ITEMS + "/{id}/history", Access.requires(Permissions.WORK_ITEM_READ), this::history),
                // Each action carries its own permission (listed in the item view); the use case checks it.
                ApiRoute.post(ITEMS + "/{id}/actions/{action}", Access.signedIn(), this::execute),
                ApiRoute.get(
                        "/api/control-plane/projects/{key}/policy",
                        Access.requires(Permissions.WORK_ITEM_READ),
                        this::getPolicy),
                new ApiRoute(
                        HandlerType.PUT,
                        "/api/control-plane/projects/{key}/policy",
                        Access.requires(Permissions.POLICY_MANAGE),
                        this::putPolicy));
    }

    private void create(Context ctx) {
        ItemBody body = Requests.body(ctx, ItemBody.class);
        WorkItem item =
                create.create(Requests.actor(ctx), new NewWorkItem(new ProjectKey(body.projectKey()), draft(body)));
        ctx.status(201).header("Location", ITEMS + "/" + item.key().display()).json(view(item));
    }

    private void update(Context ctx) {
        ItemBody body = Requests.body(ctx, ItemBody.class);
        if (body.version() == null) {
            throw new InvalidInputException("version", "is required: send the version you read");
        }
        ctx.json(view(update.update(Requests.actor(ctx), new WorkItemChange(item(ctx), body.version(), draft(body)))));
    }

    /** The item the path names, by id or key; parsed once, here. */
    private static WorkItemRef item(Context ctx) {
        return WorkItemRef.parse(ctx.pathParam("id"));
    }

    private static WorkItemDraft draft(ItemBody b) {
        List<DoneCriterion> criteria = b.doneCriteria() == null
                ? List.of()
                : b.doneCriteria().stream()
                        .map(c -> new DoneCriterion(c.statement(), Boolean.TRUE.equals(c.met())))
                        .toList();
        Optional<PullRequest> pr = Optional.ofNullable(b.pullRequest())
                .map(p -> new PullRequest(p.url(), PullRequest.State.fromCode(p.state() == null ? "open" : p.state())));
        Optional<PromptContext> prompt =
                Optional.ofNullable(b.promptContext()).map(p -> new PromptContext(p.path(), p.text()));
        return new WorkItemDraft(
                b.title(),
                b.description(),
                b.workType() == null ? null : WorkType.fromCode(b.workType()),
                b.source(),
                Optional.ofNullable(b.branch()),
                Optional.ofNullable(b.validationCommand()),
                pr,
                criteria,
                prompt,
                b.dependencies() == null ? List.of() : b.dependencies());
    }

    private void list(Context ctx) {
        WorkItemFilter filter = new WorkItemFilter(
                Requests.query(ctx, "project").map(ProjectKey::new),
                Requests.query(ctx, "lane").map(Lane::fromCode),
                Requests.query(ctx, "workType").map(WorkType::fromCode),
                Requests.query(ctx, "text"));
        var page = view.list(Requests.actor(ctx), filter, Requests.page(ctx));
        ctx.json(PageView.of(page, WorkItemRoutes::view));
    }

    private void view(Context ctx) {
        var v = view.view(Requests.actor(ctx), item(ctx));
        String base = ITEMS + "/" + v.item().key().display() + "/actions/";
        ctx.json(new ControlPlaneView(
                view(v.item()),
                v.actions().stream()
                        .map(a -> new ActionView(
                                a.action().code(),
                                a.action().title(),
                                a.action().description(),
                                a.permission().name(),
                                a.permitted(),
                                a.enabled(),
                                "POST " + base + a.action().code(),
                                GateViews.of(a.verdicts())))
                        .toList(),
                v.queueTruth(),
                v.policyVersion()));
    }

    private void history(Context ctx) {
        var page = view.history(Requests.actor(ctx), item(ctx), Requests.page(ctx));
        ctx.json(PageView.of(
                page,
                h -> new HistoryView(
                        h.id(), h.itemVersion(), h.reason(), h.capturedBy(), tree(h.snapshotJson()), h.at())));
    }

    /** Applied and replayed outcomes go through the same view, so a replay is the first answer byte for byte. */
    private void execute(Context ctx) {
        var command = new ExecuteAction(
                item(ctx),
                Action.fromCode(ctx.pathParam("action")),
                Optional.ofNullable(ctx.header("Idempotency-Key")));
        switch (execute.execute(Requests.actor(ctx), command)) {
            case ActionOutcome.Applied applied -> ctx.json(view(applied));
            case ActionOutcome.Replayed replayed ->
                ctx.header("Idempotent-Replayed", "true").json(view(replayed.first()));
            case ActionOutcome.Blocked blocked ->
                throw new ActionBlockedException(blocked.action(), blocked.verdicts(), blocked.policyVersion());
        }
    }

    private static ActionResultView view(ActionOutcome.Applied applied) {
        return new ActionResultView(
                applied.action().code(),
                "applied",
                view(applied.item()),
                GateViews.of(applied.verdicts()),
                applied.policyVersion());
    }

    private void getPolicy(Context ctx) {
        ctx.json(policyView(policy.policy(Requests.actor(ctx), ctx.pathParam("key"))));
    }

    private void putPolicy(Context ctx) {
        PolicyBody body = Requests.body(ctx, PolicyBody.class);
        if (body.version() == null) {
            throw new InvalidInputException("version", "is required: send the version you read");
        }
        Map<Action, Map<Gate, PolicyProfile.Mode>> gates = new EnumMap<>(Action.class);
        (body.gates() == null ? Map.<String, Map<String, String>>of() : body.gates()).forEach((action, modes) -> {
            Map<Gate, PolicyProfile.Mode> m = new LinkedHashMap<>();
            modes.forEach((gate, mode) -> m.put(Gate.fromCode(gate), PolicyProfile.Mode.fromCode(mode)));
            gates.put(actionOrInvalid(action), m);
        });
        ctx.json(policyView(policy.change(
                Requests.actor(ctx), new PolicyProfile(new ProjectKey(ctx.pathParam("key")), gates, body.version()))));
    }

    private static Action actionOrInvalid(String code) {
        try {
            return Action.fromCode(code);
        } catch (RuntimeException e) {
            throw new InvalidInputException("gates", "names no action: " + code);
        }
    }

    private static PolicyView policyView(PolicyProfile p) {
        Map<String, Map<String, String>> gates = new LinkedHashMap<>();
        for (Action action : Action.values()) {
            Map<String, String> modes = new LinkedHashMap<>();
            p.gatesOf(action).forEach((gate, mode) -> modes.put(gate.code(), mode.code()));
            gates.put(action.code(), modes);
        }
        return new PolicyView(p.project().value(), p.version(), gates);
    }

    static ItemView view(WorkItem i) {
        return new ItemView(
                i.id().toString(),
                i.key().display(),
                i.key().project().value(),
                i.title(),
                i.description(),
                i.workType().code(),
                i.lane().code(),
                i.status(),
                i.state(),
                i.source(),
                i.branch().orElse(null),
                i.validationCommand().orElse(null),
                i.pullRequest()
                        .map(pr -> new PullRequestBody(pr.url(), pr.state().code()))
                        .orElse(null),
                i.doneCriteria().stream()
                        .map(c -> new CriterionBody(c.statement(), c.met()))
                        .toList(),
                i.allDoneCriteriaMet(),
                i.promptContext().map(p -> new PromptBody(p.path(), p.text())).orElse(null),
                i.dependencies().stream().map(WorkItemId::toString).toList(),
                i.blocked(),
                i.blockedReason().orElse(null),
                i.lastValidation().orElse(null),
                i.createdAt(),
                i.updatedAt(),
                i.version());
    }

    private Object tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }
}
