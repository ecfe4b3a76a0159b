package io.buildfactory.persistence.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.audit.AuditTrail;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.Telemetry;
import io.buildfactory.application.workitems.ControlPlaneService;
import io.buildfactory.application.workitems.port.in.WorkItemDraft;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.ActionBlockedException;
import io.buildfactory.domain.workitems.DoneCriterion;
import io.buildfactory.domain.workitems.Lane;
import io.buildfactory.domain.workitems.PromptContext;
import io.buildfactory.domain.workitems.PullRequest;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkType;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlPlaneServiceTest extends OnBothEngines {

    ControlPlaneService service;
    JooqWorkItemRepository items;
    JooqAuditRepository auditRepository;
    BufferedTelemetrySink sink;
    final IdGenerator ids = new IdGenerator(Clock.systemUTC(), new Random(3));

    /** The seeded roles' work-item permissions (docs/identity.md). */
    static final Map<String, Set<Permission>> ROLES = Map.of(
            "admin", Permissions.all(),
            "maintainer", Set.of(Permissions.WORK_ITEM_READ, Permissions.WORK_ITEM_CREATE, Permissions.WORK_ITEM_UPDATE,
                    Permissions.WORK_ITEM_EXECUTE, Permissions.WORK_ITEM_REQUEST_REVIEW, Permissions.WORK_ITEM_COMPLETE,
                    Permissions.WORK_ITEM_PREPARE_RELEASE, Permissions.WORK_ITEM_RECORD_HISTORY, Permissions.WORK_ITEM_BLOCK),
            "contributor", Set.of(Permissions.WORK_ITEM_READ, Permissions.WORK_ITEM_CREATE, Permissions.WORK_ITEM_UPDATE,
                    Permissions.WORK_ITEM_EXECUTE, Permissions.WORK_ITEM_REQUEST_REVIEW, Permissions.WORK_ITEM_RECORD_HISTORY),
            "viewer", Set.of(Permissions.WORK_ITEM_READ),
            "agent", Set.of(Permissions.WORK_ITEM_READ, Permissions.WORK_ITEM_UPDATE, Permissions.WORK_ITEM_EXECUTE,
                    Permissions.WORK_ITEM_REQUEST_REVIEW, Permissions.WORK_ITEM_RECORD_HISTORY));

    /** The lane each lane-moving action starts from; the others act in any lane but Done (block) or anywhere. */
    static final Map<Action, Lane> FROM = new EnumMap<>(Map.of(Action.MARK_READY, Lane.BACKLOG,
            Action.START_EXECUTION, Lane.READY, Action.REQUEST_REVIEW, Lane.IN_PROGRESS, Action.COMPLETE, Lane.REVIEW,
            Action.PREPARE_RELEASE, Lane.DONE));

    @BeforeEach
    void wire() {
        items = new JooqWorkItemRepository(db.database(), Clock.systemUTC());
        auditRepository = new JooqAuditRepository(db.database(), Clock.systemUTC());
        JooqTransactionRunner tx = new JooqTransactionRunner(db.database());
        sink = new BufferedTelemetrySink(new JooqTelemetryRepository(db.database(), Clock.systemUTC()), Clock.systemUTC(),
                BufferedTelemetrySink.Settings.DEFAULT);
        service = new ControlPlaneService(items, tx, new AuditTrail(auditRepository, tx, ids, Clock.systemUTC()),
                new Telemetry(sink, ids, Clock.systemUTC()), ids, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        sink.close();
    }

    Actor as(String role) {
        return new Actor(new UserId(ids.next()), ROLES.get(role), new Actor.Credential.ViaSession(new SessionId(ids.next())),
                RequestContext.system("test"));
    }

    WorkItem itemIn(Lane lane) {
        Actor admin = as("admin");
        WorkItem item = service.create(admin, new WorkItemDraft("BF", "Persistence foundation", "", WorkType.FEATURE,
                "manual", Optional.of("bf/BF-213"), Optional.of("./scripts/validate-local.ps1"),
                Optional.of(new PullRequest("https://example.com/pr/235", PullRequest.State.MERGED)),
                List.of(new DoneCriterion("migrations run clean", true)),
                Optional.of(new PromptContext("./prompts/wi.md", "Establish the persistence layer.")), List.of()));
        for (Action step : List.of(Action.MARK_READY, Action.START_EXECUTION, Action.REQUEST_REVIEW, Action.COMPLETE)) {
            if (items.findById(item.id()).orElseThrow().lane() == lane) {
                break;
            }
            service.execute(admin, item.key().display(), step, Optional.empty(), r -> "{}");
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
                        default -> FROM.get(action) == lane;
                    };
                    long deniedBefore = denied();
                    String outcome;
                    try {
                        service.execute(as(role), before.key().display(), action, Optional.empty(), r -> "{}");
                        outcome = "applied";
                    } catch (ForbiddenException e) {
                        outcome = "forbidden";
                    } catch (ActionBlockedException e) {
                        outcome = "blocked";
                    }
                    String expected = !permitted ? "forbidden" : laneAllows ? "applied" : "blocked";
                    if (!outcome.equals(expected)) {
                        mismatches.add(action.code() + " in " + lane.code() + " as " + role + ": " + outcome + ", expected " + expected);
                    }
                    if (!outcome.equals("applied")) {
                        assertEquals(before, items.findById(before.id()).orElseThrow(), "a refused action changes nothing");
                        assertEquals(deniedBefore + 1, denied(), "a refused action writes a denied audit event");
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private long denied() {
        return auditRepository.find(new AuditQuery(Optional.empty(), Optional.of("work-item."), Optional.empty(),
                Optional.empty(), Optional.of(AuditOutcome.DENIED), Optional.empty(), Optional.empty(), Optional.empty()),
                PageRequest.first(500)).items().size();
    }

    @Test
    void fifty_concurrent_conflicting_executions_let_exactly_one_win() throws Exception {
        WorkItem ready = itemIn(Lane.READY);
        Actor maintainer = as("maintainer");
        AtomicInteger won = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                all.add(pool.submit(() -> {
                    try {
                        service.execute(maintainer, ready.key().display(), Action.START_EXECUTION, Optional.empty(),
                                r -> "{}");
                        won.incrementAndGet();
                    } catch (ActionBlockedException | ConflictException lost) {
                        refused.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, won.get(), "exactly one of the conflicting actions applied");
        assertEquals(49, refused.get());
        assertEquals(ready.version() + 1, items.findById(ready.id()).orElseThrow().version());
    }

    @Test
    void the_same_idempotency_key_acts_once_and_returns_the_first_response() {
        WorkItem ready = itemIn(Lane.READY);
        AtomicInteger rendered = new AtomicInteger();
        var first = service.execute(as("contributor"), ready.key().display(), Action.START_EXECUTION,
                Optional.of("key-1"), r -> "{\"n\":" + rendered.incrementAndGet() + ",\"lane\":\"" + r.item().lane().code() + "\"}");
        var second = service.execute(as("contributor"), ready.key().display(), Action.START_EXECUTION,
                Optional.of("key-1"), r -> "{\"n\":" + rendered.incrementAndGet() + "}");
        assertEquals(first.body(), second.body());
        assertTrue(second.replayed());
        assertEquals(1, rendered.get(), "acted once");
        assertEquals(ready.version() + 1, items.findById(ready.id()).orElseThrow().version());
        assertThrows(ActionBlockedException.class, () -> service.execute(as("contributor"), ready.key().display(),
                Action.START_EXECUTION, Optional.of("key-2"), r -> "{}"), "a new key is a new attempt, refused by the lane");
        assertEquals("Idempotency-Key", assertThrows(io.buildfactory.domain.shared.InvalidInputException.class,
                () -> service.execute(as("contributor"), ready.key().display(), Action.REQUEST_REVIEW,
                        Optional.of("key-1"), r -> "{}")).field(), "a key used for another action is refused");
        assertThrows(ForbiddenException.class, () -> service.execute(as("viewer"), ready.key().display(),
                Action.START_EXECUTION, Optional.of("key-1"), r -> "{}"), "a replay still needs the permission");
    }

    @Test
    void a_profile_that_only_evaluates_the_lane_gates_still_cannot_move_an_item_backward() {
        WorkItem review = itemIn(Lane.REVIEW);
        service.change(as("admin"), new io.buildfactory.domain.workitems.PolicyProfile(review.key().project(),
                Map.of(Action.START_EXECUTION, Map.of(io.buildfactory.domain.workitems.Gate.LANE_ELIGIBILITY,
                        io.buildfactory.domain.workitems.PolicyProfile.Mode.EVALUATE)), 0));
        assertThrows(io.buildfactory.domain.shared.RuleViolationException.class, () -> service.execute(as("admin"),
                review.key().display(), Action.START_EXECUTION, Optional.empty(), r -> "{}"));
        assertEquals(Lane.REVIEW, items.findById(review.id()).orElseThrow().lane());
    }
}
