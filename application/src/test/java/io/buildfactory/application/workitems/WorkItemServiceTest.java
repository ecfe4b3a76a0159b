package io.buildfactory.application.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.application.orchestration.port.in.StartRunUseCase;
import io.buildfactory.application.projects.ProjectService;
import io.buildfactory.application.projects.port.in.CreateProjectUseCase.NewProject;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.ChangeVersions;
import io.buildfactory.application.testing.InMemoryDelivery;
import io.buildfactory.application.testing.InMemoryProjectMembers;
import io.buildfactory.application.testing.InMemoryProjects;
import io.buildfactory.application.testing.InMemoryTransactions;
import io.buildfactory.application.testing.InMemoryWorkItems;
import io.buildfactory.application.testing.MutableClock;
import io.buildfactory.application.testing.RecordingAuditTrail;
import io.buildfactory.application.testing.RecordingJobs;
import io.buildfactory.application.testing.RecordingTelemetry;
import io.buildfactory.application.testing.SeededRoles;
import io.buildfactory.application.workitems.port.in.CreateWorkItemUseCase.NewWorkItem;
import io.buildfactory.application.workitems.port.in.ExecuteActionUseCase.ExecuteAction;
import io.buildfactory.application.workitems.port.in.WorkItemDraft;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.ActionOutcome;
import io.buildfactory.domain.workitems.Lane;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemFilter;
import io.buildfactory.domain.workitems.WorkItemRef;
import io.buildfactory.domain.workitems.WorkType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The work-item use cases against in-memory ports: permissions, gates, idempotency and what a refusal leaves
 * behind. What only a database can show (optimistic locking under real concurrency) is
 * {@code ConcurrentActionsTest} in adapters-persistence, on both engines.
 */
class WorkItemServiceTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    final IdGenerator ids = new IdGenerator(clock, new Random(3));
    final InMemoryTransactions transactions = new InMemoryTransactions();
    final InMemoryWorkItems items = transactions.register(new InMemoryWorkItems(ids));
    final RecordingAuditTrail audit = transactions.register(new RecordingAuditTrail(ids, clock));
    final RecordingTelemetry telemetry = new RecordingTelemetry();
    static final RoleId MAINTAINER = RoleId.parse("01JQBF0000000000000000MNT1");
    final InMemoryProjects projectRows = transactions.register(new InMemoryProjects());
    final InMemoryProjectMembers members =
            transactions.register(new InMemoryProjectMembers(Map.of(MAINTAINER, ROLES.get("maintainer")), projectRows));
    final ProjectService projects = new ProjectService(
            projectRows, members, transactions, audit, telemetry, ids, clock, ChangeVersions.UNTRACKED);
    final InMemoryDelivery delivery = transactions.register(new InMemoryDelivery());
    final RecordingJobs jobs = transactions.register(new RecordingJobs(ids, clock));
    final WorkItemService service = new WorkItemService(
            items,
            items,
            items,
            items,
            delivery,
            delivery,
            jobs,
            projects,
            transactions,
            audit,
            telemetry,
            ids,
            clock,
            ChangeVersions.UNTRACKED);

    @BeforeEach
    void project() {
        projects.create(
                as("admin"),
                new NewProject(new ProjectKey("BF"), "Build Factory", "", Optional.empty(), Optional.empty()));
    }

    @Test
    void a_maintainer_of_one_project_works_there_and_is_a_stranger_in_another_until_the_role_is_taken() {
        projects.create(
                as("admin"), new NewProject(new ProjectKey("OPS"), "Ops", "", Optional.empty(), Optional.empty()));
        WorkItem inOps = service.create(as("admin"), item("OPS", "Rotate keys"));
        Actor nobody = new Actor(
                new UserId(ids.next()),
                Set.of(),
                new Actor.Credential.ViaSession(new SessionId(ids.next())),
                RequestContext.system("test"));
        assertThrows(
                NotFoundException.class,
                () -> service.view(nobody, WorkItemRef.parse(inOps.key().display())));

        projects.add(as("admin"), new ProjectKey("BF"), nobody.userId(), MAINTAINER);
        WorkItem mine = service.create(nobody, item("BF", "Mine now"));
        assertInstanceOf(
                ActionOutcome.Applied.class,
                service.execute(
                        nobody,
                        new ExecuteAction(
                                WorkItemRef.parse(mine.key().display()), Action.MARK_READY, Optional.empty())));
        assertEquals(
                "projectKey",
                assertThrows(InvalidInputException.class, () -> service.create(nobody, item("OPS", "x")))
                        .field());
        assertThrows(
                NotFoundException.class,
                () -> service.view(nobody, WorkItemRef.parse(inOps.key().display())));
        assertThrows(
                NotFoundException.class,
                () -> service.execute(
                        nobody,
                        new ExecuteAction(
                                WorkItemRef.parse(inOps.key().display()), Action.MARK_READY, Optional.empty())),
                "an outsider's action on a hidden item is 404, not 403");
        assertEquals(
                List.of(mine.id()),
                service
                        .list(
                                nobody,
                                new WorkItemFilter(
                                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                                PageRequest.first(50))
                        .items()
                        .stream()
                        .map(WorkItem::id)
                        .toList(),
                "the list holds only what they may read");

        projects.remove(as("admin"), new ProjectKey("BF"), nobody.userId(), MAINTAINER);
        assertThrows(
                NotFoundException.class,
                () -> service.view(nobody, WorkItemRef.parse(mine.key().display())),
                "taking the role takes effect on the next call");
        assertThrows(
                ForbiddenException.class,
                () -> service.list(
                        nobody,
                        new WorkItemFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                        PageRequest.first(50)));
    }

    static NewWorkItem item(String project, String title) {
        return new NewWorkItem(
                new ProjectKey(project),
                new WorkItemDraft(
                        title,
                        "",
                        WorkType.CHORE,
                        "manual",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        List.of()));
    }

    @Test
    void a_work_item_in_a_project_that_does_not_exist_is_refused_naming_the_field_and_nothing_is_stored() {
        InvalidInputException refused = assertThrows(
                InvalidInputException.class,
                () -> service.create(
                        as("admin"),
                        new NewWorkItem(
                                new ProjectKey("OPS"),
                                new WorkItemDraft(
                                        "Stray",
                                        "",
                                        WorkType.CHORE,
                                        "manual",
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        List.of(),
                                        Optional.empty(),
                                        List.of()))));
        assertEquals("projectKey", refused.field());
        assertEquals(
                List.of(),
                items.list(
                                new WorkItemFilter(
                                        Optional.of(new ProjectKey("OPS")),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty()),
                                PageRequest.first(10))
                        .items());
    }

    static final Map<String, Set<Permission>> ROLES = SeededRoles.PERMISSIONS;

    Actor as(String role) {
        return SeededRoles.actor(role, ids);
    }

    WorkItem itemIn(Lane lane) {
        Actor admin = as("admin");
        WorkItem item = service.create(admin, SeededRoles.releasableFeature(new ProjectKey("BF")));
        for (Action step : List.of(Action.MARK_READY, Action.START_EXECUTION, Action.REQUEST_REVIEW, Action.COMPLETE)) {
            if (items.findById(item.id()).orElseThrow().lane() == lane) {
                break;
            }
            run(admin, item, step, Optional.empty());
        }
        WorkItem ready = items.findById(item.id()).orElseThrow();
        assertEquals(lane, ready.lane());
        return ready;
    }

    @Test
    void every_action_in_every_lane_by_every_role_is_allowed_only_where_lane_permission_and_gates_allow() {
        List<String> mismatches = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            for (Action action : Action.values()) {
                for (String role : ROLES.keySet().stream().sorted().toList()) {
                    WorkItem before = itemIn(lane);
                    boolean permitted = ROLES.get(role).contains(action.permission());
                    boolean laneAllows = switch (action) {
                        case RECORD_HISTORY -> true;
                        case BLOCK -> lane != Lane.DONE;
                        case UNBLOCK -> false; // the item is not blocked
                        default -> action.startsFrom().orElseThrow() == lane;
                    };
                    long deniedBefore = denied();
                    String outcome;
                    try {
                        outcome = run(as(role), before, action, Optional.empty()) instanceof ActionOutcome.Blocked
                                ? "blocked"
                                : "applied";
                    } catch (ForbiddenException e) {
                        outcome = "forbidden";
                    }
                    String expected = !permitted ? "forbidden" : laneAllows ? "applied" : "blocked";
                    if (!outcome.equals(expected)) {
                        mismatches.add(action.code() + " in " + lane.code() + " as " + role + ": " + outcome
                                + ", expected " + expected);
                    }
                    if (!outcome.equals("applied")) {
                        assertEquals(
                                before, items.findById(before.id()).orElseThrow(), "a refused action changes nothing");
                        assertEquals(deniedBefore + 1, denied(), "a refused action writes a denied audit event");
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private long denied() {
        return audit.entries().stream()
                .filter(e -> e.outcome() == AuditOutcome.DENIED)
                .filter(e -> e.action().code().startsWith("work-item."))
                .count();
    }

    @Test
    void the_same_idempotency_key_acts_once_and_returns_the_first_outcome() {
        WorkItem ready = itemIn(Lane.READY);
        ActionOutcome first = run(as("contributor"), ready, Action.START_EXECUTION, Optional.of("key-1"));
        ActionOutcome second = run(as("contributor"), ready, Action.START_EXECUTION, Optional.of("key-1"));
        ActionOutcome.Applied applied = assertInstanceOf(ActionOutcome.Applied.class, first);
        assertEquals(new ActionOutcome.Replayed(applied), second, "the stored outcome reads back equal to the first");
        assertEquals(
                ready.version() + 1, items.findById(ready.id()).orElseThrow().version(), "acted once");
        assertInstanceOf(
                ActionOutcome.Blocked.class,
                run(as("contributor"), ready, Action.START_EXECUTION, Optional.of("key-2")),
                "a new key is a new attempt, refused by the lane");
        assertEquals(
                "Idempotency-Key",
                assertThrows(
                                io.buildfactory.domain.shared.InvalidInputException.class,
                                () -> run(as("contributor"), ready, Action.REQUEST_REVIEW, Optional.of("key-1")))
                        .field(),
                "a key used for another action is refused");
        assertThrows(
                ForbiddenException.class,
                () -> run(as("viewer"), ready, Action.START_EXECUTION, Optional.of("key-1")),
                "a replay still needs the permission");
    }

    ActionOutcome run(Actor actor, WorkItem item, Action action, Optional<String> key) {
        return service.execute(
                actor, new ExecuteAction(WorkItemRef.parse(item.key().display()), action, key));
    }

    @Test
    void a_profile_that_only_evaluates_the_lane_gates_still_cannot_move_an_item_backward() {
        WorkItem review = itemIn(Lane.REVIEW);
        service.change(
                as("admin"),
                new io.buildfactory.domain.workitems.PolicyProfile(
                        review.key().project(),
                        Map.of(
                                Action.START_EXECUTION,
                                Map.of(
                                        io.buildfactory.domain.workitems.Gate.LANE_ELIGIBILITY,
                                        io.buildfactory.domain.workitems.PolicyProfile.Mode.EVALUATE)),
                        0));
        assertThrows(
                io.buildfactory.domain.shared.RuleViolationException.class,
                () -> run(as("admin"), review, Action.START_EXECUTION, Optional.empty()));
        assertEquals(Lane.REVIEW, items.findById(review.id()).orElseThrow().lane());
    }

    @Test
    void start_execution_of_an_item_linked_to_a_card_queues_its_handoff_in_the_same_transaction() {
        Actor admin = as("admin");
        CardId card = delivery.card(new CardId(ids.next()), new ProjectKey("BF"));
        WorkItem linked = service.create(admin, SeededRoles.releasableFeature(new ProjectKey("BF")));
        delivery.link(linked.id(), Optional.of(card));
        assertInstanceOf(
                ActionOutcome.Blocked.class,
                run(admin, linked, Action.START_EXECUTION, Optional.empty()),
                "Backlog cannot start");
        assertEquals(List.of(), jobs.queued(), "a refused start hands nothing over");

        run(admin, linked, Action.MARK_READY, Optional.empty());
        ActionOutcome started = run(admin, linked, Action.START_EXECUTION, Optional.of("start-1"));
        WorkItem moved = ((ActionOutcome.Applied) started).item();
        assertEquals(1, jobs.queued().size());
        var job = jobs.queued().getFirst();
        assertEquals(StartRunUseCase.HANDOFF_JOB, job.type());
        assertEquals(Optional.of(linked.id() + "@" + moved.version()), job.uniqueKey());
        assertEquals(
                "{\"key\":\"" + linked.id() + "@" + moved.version() + "\",\"card\":\"" + card
                        + "\",\"startedBy\":\"" + admin.userId() + "\",\"workItem\":\""
                        + linked.key().display()
                        + "\"}",
                job.payloadJson());
        assertEquals(
                linked.id() + "@" + moved.version(),
                audit.entries().getLast().details().get("handoff"),
                "the action's audit entry names its handoff");
        assertInstanceOf(
                ActionOutcome.Replayed.class, run(admin, linked, Action.START_EXECUTION, Optional.of("start-1")));
        assertEquals(1, jobs.queued().size(), "a replay hands nothing over again");

        WorkItem unlinked = itemIn(Lane.IN_PROGRESS);
        assertEquals(Lane.IN_PROGRESS, unlinked.lane());
        assertEquals(1, jobs.queued().size(), "an item without a card hands nothing over");
    }
}
