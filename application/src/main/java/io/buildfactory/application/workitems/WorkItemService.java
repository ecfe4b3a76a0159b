package io.buildfactory.application.workitems;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.application.orchestration.port.in.StartRunUseCase;
import io.buildfactory.application.orchestration.port.in.StartRunUseCase.HandOff;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.shared.VersionedCache;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.ChangeVersions;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.application.workitems.port.in.CreateWorkItemUseCase;
import io.buildfactory.application.workitems.port.in.ExecuteActionUseCase;
import io.buildfactory.application.workitems.port.in.ManagePolicyUseCase;
import io.buildfactory.application.workitems.port.in.UpdateWorkItemUseCase;
import io.buildfactory.application.workitems.port.in.ViewWorkItemsUseCase;
import io.buildfactory.application.workitems.port.in.WorkItemDraft;
import io.buildfactory.application.workitems.port.out.AppliedActions;
import io.buildfactory.application.workitems.port.out.DeliverySignals;
import io.buildfactory.application.workitems.port.out.ProjectPolicies;
import io.buildfactory.application.workitems.port.out.WorkItemCardLinks;
import io.buildfactory.application.workitems.port.out.WorkItemHistory;
import io.buildfactory.application.workitems.port.out.WorkItemRepository;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.orchestration.Delivery;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.ActionOutcome;
import io.buildfactory.domain.workitems.ControlPolicy;
import io.buildfactory.domain.workitems.GateVerdict;
import io.buildfactory.domain.workitems.HistoryEntry;
import io.buildfactory.domain.workitems.Lane;
import io.buildfactory.domain.workitems.PolicyProfile;
import io.buildfactory.domain.workitems.QueueTruth;
import io.buildfactory.domain.workitems.ValidationResult;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemFilter;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import io.buildfactory.domain.workitems.WorkItemRef;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The work-item control plane: items, their actions under permissions and policy gates, and project policies. */
public final class WorkItemService
        implements CreateWorkItemUseCase,
                UpdateWorkItemUseCase,
                ViewWorkItemsUseCase,
                ExecuteActionUseCase,
                ManagePolicyUseCase {

    private final WorkItemRepository items;
    private final WorkItemHistory history;
    private final ProjectPolicies policies;
    private final AppliedActions applied;
    private final WorkItemCardLinks cards;
    private final DeliverySignals delivery;
    private final EnqueueJobUseCase jobs;
    private final ProjectAccess projects;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;

    /**
     * What a work item's page is made of, besides who asks and when: kept while none of it has changed anywhere
     * ({@link ChangeVersions#work}), so the page costs no statement while the item, its project, policies and
     * delivery signals stand still, and shows a change on the very next request, on every server.
     */
    private final VersionedCache<WorkItemRef, Snapshot> pages;

    private record Snapshot(
            WorkItem item,
            PolicyProfile profile,
            Map<WorkItemId, Lane> lanes,
            Optional<Delivery> delivery,
            java.time.Duration staleAfter) {}

    static final int PAGE_CAPACITY = 10_000;

    public WorkItemService(
            WorkItemRepository items,
            WorkItemHistory history,
            ProjectPolicies policies,
            AppliedActions applied,
            WorkItemCardLinks cards,
            DeliverySignals delivery,
            EnqueueJobUseCase jobs,
            ProjectAccess projects,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            ChangeVersions versions) {
        this.pages = new VersionedCache<>(versions::work, PAGE_CAPACITY);
        this.items = items;
        this.history = history;
        this.policies = policies;
        this.applied = applied;
        this.cards = cards;
        this.delivery = delivery;
        this.jobs = jobs;
        this.projects = projects;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public WorkItem create(Actor caller, NewWorkItem command) {
        ProjectKey project = command.project();
        Actor actor = projects.in(caller, project)
                .orElseThrow(() -> new InvalidInputException(
                        "projectKey", "names no project; create " + project + " first (POST /api/projects)"));
        actor.require(Permissions.WORK_ITEM_CREATE);
        WorkItemDraft d = command.fields();
        WorkItem created = transactions.inTransaction(() -> {
            List<WorkItemId> dependencies = resolve(actor, d.dependencies());
            Instant now = clock.instant();
            WorkItem item = WorkItem.create(
                    new WorkItemId(ids.next()),
                    new WorkItemKey(project, items.nextNumber(project, now)),
                    d.title(),
                    d.description(),
                    d.workType(),
                    d.source(),
                    d.branch(),
                    d.validationCommand(),
                    d.pullRequest(),
                    d.doneCriteria(),
                    d.promptContext(),
                    dependencies,
                    now);
            items.insert(item);
            audit.record(
                    entry(
                            actor,
                            AuditAction.WORK_ITEM_CREATE,
                            item,
                            AuditOutcome.SUCCESS,
                            Map.of("key", item.key().toString())),
                    actor.request());
            return item;
        });
        telemetry.emit(
                ServerEvent.WORK_ITEM_CREATED,
                actor,
                Map.of(
                        "workItem",
                        created.key().display(),
                        "workType",
                        created.workType().code()));
        return created;
    }

    /** The items named as dependencies; one in a project hidden from the caller is as unknown as a missing one. */
    private List<WorkItemId> resolve(Actor actor, List<String> refs) {
        return refs == null
                ? List.of()
                : refs.stream()
                        .map(ref -> WorkItemRef.tryParse(ref)
                                .flatMap(this::find)
                                .filter(dependency -> projects.in(
                                                actor, dependency.key().project())
                                        .map(a -> a.holds(Permissions.WORK_ITEM_READ))
                                        .orElse(false))
                                .orElseThrow(
                                        () -> new InvalidInputException("dependencies", "names no work item: " + ref))
                                .id())
                        .toList();
    }

    private Optional<WorkItem> find(WorkItemRef ref) {
        return switch (ref) {
            case WorkItemRef.ById byId -> items.findById(byId.id());
            case WorkItemRef.ByKey byKey -> items.findByKey(byKey.key());
        };
    }

    private WorkItem load(WorkItemRef ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("work item", ref));
    }

    /** The caller as they are in the item's project; an item in a project hidden from them does not exist. */
    private Actor inProjectOf(Actor caller, WorkItem item, WorkItemRef ref) {
        return projects.in(caller, item.key().project()).orElseThrow(() -> new NotFoundException("work item", ref));
    }

    @Override
    public WorkItem update(Actor caller, WorkItemChange command) {
        long version = command.version();
        WorkItemDraft d = command.fields();
        // checked before the write transaction, so a refused edit never takes the write lock
        Actor actor = inProjectOf(caller, load(command.item()), command.item());
        actor.require(Permissions.WORK_ITEM_UPDATE);
        return transactions.inTransaction(() -> {
            WorkItem current = load(command.item());
            if (current.version() != version) {
                throw ConflictException.staleVersion("work item", current.key().display(), version);
            }
            List<WorkItemId> dependencies = resolve(actor, d.dependencies());
            if (dependencies.contains(current.id())) {
                throw new InvalidInputException("dependencies", "an item cannot depend on itself");
            }
            WorkItem saved = items.update(current.edit(
                    d.title(),
                    d.description(),
                    d.workType() == null ? current.workType() : d.workType(),
                    d.branch(),
                    d.validationCommand(),
                    d.pullRequest(),
                    d.doneCriteria(),
                    d.promptContext(),
                    dependencies,
                    clock.instant()));
            audit.record(
                    entry(actor, AuditAction.WORK_ITEM_UPDATE, saved, AuditOutcome.SUCCESS, Map.of()), actor.request());
            return saved;
        });
    }

    @Override
    public ControlPlaneView view(Actor caller, WorkItemRef ref) {
        Snapshot page = pages.get(
                        ref,
                        p -> true,
                        r -> find(r).map(found -> new Snapshot(
                                found,
                                policyOf(found.key().project()),
                                items.lanesOf(found.dependencies()),
                                deliveryOf(found),
                                delivery.staleAfter(found.key().project()))))
                .orElseThrow(() -> new NotFoundException("work item", ref));
        WorkItem item = page.item();
        Actor actor = inProjectOf(caller, item, ref);
        actor.require(Permissions.WORK_ITEM_READ);
        PolicyProfile profile = page.profile();
        Map<WorkItemId, Lane> lanes = page.lanes();
        List<ActionView> actions = Arrays.stream(Action.values())
                .map(action -> {
                    List<GateVerdict> verdicts =
                            ControlPolicy.evaluate(item, action, profile, id -> Optional.ofNullable(lanes.get(id)));
                    boolean permitted = actor.holds(action.permission());
                    return new ActionView(
                            action,
                            action.permission(),
                            permitted,
                            verdicts,
                            permitted && verdicts.stream().noneMatch(GateVerdict::stops));
                })
                .toList();
        QueueTruth truth = QueueTruth.of(item, page.delivery(), page.staleAfter(), clock.instant());
        return new ControlPlaneView(item, actions, truth, profile.version());
    }

    /** What orchestration observed of the item's card; empty for an item with no card. */
    private Optional<Delivery> deliveryOf(WorkItem item) {
        return cards.cardOf(item.id()).map(delivery::of);
    }

    @Override
    public Page<WorkItem> list(Actor actor, WorkItemFilter filter, PageRequest page) {
        Optional<Set<ProjectKey>> readable = projects.where(actor, Permissions.WORK_ITEM_READ);
        if (readable.isEmpty()) {
            return items.list(filter, page); // they read work items in every project
        }
        if (readable.get().isEmpty()) {
            actor.require(Permissions.WORK_ITEM_READ); // nowhere at all: 403 naming what they lack
        }
        return items.list(filter.within(readable.get()), page);
    }

    @Override
    public Page<HistoryEntry> history(Actor actor, WorkItemRef ref, PageRequest page) {
        WorkItem item = load(ref);
        inProjectOf(actor, item, ref).require(Permissions.WORK_ITEM_READ);
        return history.history(item.id(), page);
    }

    /**
     * Permission, then a stored outcome for the key, then the gates and the transition in one transaction. Every
     * refusal (no permission, blocked by a gate, lost a race) is written to the audit log in {@link #denied}.
     */
    @Override
    public ActionOutcome execute(Actor caller, ExecuteAction command) {
        WorkItem target = load(command.item());
        // outsiders of the item's project learn nothing: missing and hidden items are both 404
        Actor actor = inProjectOf(caller, target, command.item());
        actor.require(Permissions.WORK_ITEM_READ);
        Action action = command.action();
        if (!actor.holds(action.permission())) {
            denied(
                    actor,
                    action,
                    target,
                    Map.of("reason", "missing " + action.permission().name()));
            actor.require(action.permission());
        }
        ActionOutcome outcome;
        try {
            outcome = replay(target, command).orElseGet(() -> attempt(actor, target, command));
        } catch (ConflictException | RuleViolationException lost) {
            // Another request changed the item, or used the key, between our read and our write. A retry that lost
            // the race to its own first request replays that request's outcome; anything else is refused.
            Optional<ActionOutcome> raced = replay(target, command);
            if (raced.isPresent()) {
                return raced.get();
            }
            denied(actor, action, target, Map.of("reason", "concurrent change"));
            throw lost;
        }
        switch (outcome) {
            case ActionOutcome.Applied done -> emitActionTelemetry(actor, done);
            case ActionOutcome.Blocked blocked -> denied(actor, action, target, blockedDetails(blocked));
            case ActionOutcome.Replayed replayed -> {}
        }
        return outcome;
    }

    private static Map<String, String> blockedDetails(ActionOutcome.Blocked blocked) {
        return Map.of(
                "gates",
                String.join(
                        ",",
                        blocked.verdicts().stream()
                                .filter(GateVerdict::stops)
                                .map(v -> v.gate().code())
                                .toList()),
                "policyVersion",
                Long.toString(blocked.policyVersion()));
    }

    private ActionOutcome attempt(Actor actor, WorkItem target, ExecuteAction command) {
        Action action = command.action();
        return transactions.inTransaction(() -> {
            Optional<ActionOutcome> raced = replay(target, command); // again, inside: a racing retry replays
            if (raced.isPresent()) {
                return raced.get();
            }
            WorkItem item =
                    items.findById(target.id()).orElseThrow(() -> new NotFoundException("work item", command.item()));
            PolicyProfile profile = policyOf(item.key().project());
            Map<WorkItemId, Lane> lanes = items.lanesOf(item.dependencies());
            List<GateVerdict> verdicts =
                    ControlPolicy.evaluate(item, action, profile, id -> Optional.ofNullable(lanes.get(id)));
            if (verdicts.stream().anyMatch(GateVerdict::stops)) {
                return new ActionOutcome.Blocked(action, verdicts, profile.version());
            }
            Instant now = clock.instant();
            Optional<ValidationResult> validation = action == Action.PREPARE_RELEASE
                    ? Optional.of(ControlPolicy.prepareRelease(item, deliveryOf(item), now))
                    : Optional.empty();
            WorkItem changed =
                    ControlPolicy.apply(item, action, now, Optional.of("blocked by " + actor.userId()), validation);
            WorkItem saved = action == Action.RECORD_HISTORY ? item : items.update(changed);
            Optional<HandOff> handoff = action == Action.START_EXECUTION ? handOff(actor, saved) : Optional.empty();
            if (action == Action.RECORD_HISTORY || action == Action.PREPARE_RELEASE) {
                history.recordHistory(saved, action.code(), actor.userId().toString(), now);
            }
            Map<String, String> details = new TreeMap<>();
            details.put("lane", item.lane().code() + " -> " + saved.lane().code());
            details.put("policyVersion", Long.toString(profile.version()));
            details.put(
                    "gates",
                    String.join(
                            ",",
                            verdicts.stream()
                                    .map(v -> v.gate().code() + ":" + (v.passed() ? "pass" : "blocked"))
                                    .toList()));
            handoff.ifPresent(h -> details.put("handoff", h.key()));
            audit.record(entry(actor, AuditAction.of(action), saved, AuditOutcome.SUCCESS, details), actor.request());
            ActionOutcome.Applied outcome = new ActionOutcome.Applied(saved, action, verdicts, profile.version());
            command.idempotencyKey().ifPresent(key -> applied.keep(key, actor.userId(), outcome, now));
            return outcome;
        });
    }

    /**
     * Start-execution of an item linked to a card hands the card to orchestration: a job, queued in the lane
     * change's transaction (so it exists only if the move commits), that queues a run of the card.
     */
    private Optional<HandOff> handOff(Actor actor, WorkItem started) {
        return cards.cardOf(started.id()).map(card -> {
            HandOff handoff = HandOff.of(started.id(), started.version(), card, actor.userId(), started.key());
            jobs.enqueue(new EnqueueJobUseCase.NewJob(
                            StartRunUseCase.HANDOFF_JOB,
                            handoff.payloadJson(),
                            0,
                            Optional.empty(),
                            10,
                            Optional.of(handoff.key()))
                    .askedBy(actor.request().correlationId()));
            return handoff;
        });
    }

    /** The first outcome under this key, if any; a key first used for another action is refused. */
    private Optional<ActionOutcome> replay(WorkItem target, ExecuteAction command) {
        return command.idempotencyKey()
                .flatMap(key -> applied.find(target.id(), key))
                .map(first -> {
                    if (first.action() != command.action()) {
                        throw new InvalidInputException(
                                "Idempotency-Key",
                                "was already used for " + first.action().code() + " on this item; use a new key for "
                                        + command.action().code());
                    }
                    return new ActionOutcome.Replayed(first);
                });
    }

    /** The one place a refused action is recorded: in its own transaction, since the attempt's rolled back. */
    private void denied(Actor actor, Action action, WorkItem target, Map<String, String> why) {
        transactions.inTransaction(() ->
                audit.record(entry(actor, AuditAction.of(action), target, AuditOutcome.DENIED, why), actor.request()));
    }

    private void emitActionTelemetry(Actor actor, ActionOutcome.Applied r) {
        Map<String, Object> payload = Map.of(
                "workItem",
                r.item().key().display(),
                "lane",
                r.item().lane().code(),
                "policyVersion",
                r.policyVersion());
        telemetry.emit(ServerEvent.of(r.action()), actor, payload);
        if (r.action() == Action.REQUEST_REVIEW) {
            telemetry.emit(ServerEvent.REVIEW_REQUESTED, actor, payload);
        } else if (r.action() == Action.COMPLETE) {
            telemetry.emit(ServerEvent.REVIEW_COMPLETED, actor, payload);
        } else if (r.action() == Action.PREPARE_RELEASE) {
            telemetry.emit(
                    ServerEvent.LAUNCH_PREPARED,
                    actor,
                    Map.of(
                            "workItem",
                            r.item().key().display(),
                            "passed",
                            r.item()
                                    .lastValidation()
                                    .map(ValidationResult::passed)
                                    .orElse(false)));
        }
    }

    @Override
    public PolicyProfile policy(Actor caller, String projectKey) {
        ProjectKey project = new ProjectKey(projectKey);
        projects.in(caller, project)
                .orElseThrow(() -> new NotFoundException("project", project))
                .require(Permissions.WORK_ITEM_READ);
        return policyOf(project);
    }

    @Override
    public PolicyProfile change(Actor caller, PolicyProfile profile) {
        Actor actor = projects.in(caller, profile.project())
                .orElseThrow(() -> new NotFoundException("project", profile.project()));
        actor.require(Permissions.POLICY_MANAGE);
        return transactions.inTransaction(() -> {
            PolicyProfile saved = policies.savePolicy(profile, clock.instant());
            audit.success(
                    actor,
                    AuditAction.POLICY_CHANGE,
                    AuditTarget.project(profile.project()),
                    Map.of("version", Long.toString(saved.version())));
            return saved;
        });
    }

    private PolicyProfile policyOf(ProjectKey project) {
        return policies.policy(project).orElse(PolicyProfile.defaults(project));
    }

    private static AuditTrail.Entry entry(
            Actor actor, AuditAction action, WorkItem item, AuditOutcome outcome, Map<String, String> details) {
        Map<String, String> all = new TreeMap<>(details);
        all.put("key", item.key().display());
        return new AuditTrail.Entry(AuditActor.of(actor), action, AuditTarget.workItem(item.id()), outcome, all);
    }
}
