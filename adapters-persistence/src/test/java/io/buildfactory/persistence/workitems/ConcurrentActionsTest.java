package io.buildfactory.persistence.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildfactory.application.audit.HashChainedAuditTrail;
import io.buildfactory.application.jobs.JobService;
import io.buildfactory.application.projects.ProjectService;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryEnvelopes;
import io.buildfactory.application.testing.SeededRoles;
import io.buildfactory.application.workitems.WorkItemService;
import io.buildfactory.application.workitems.port.in.ExecuteActionUseCase.ExecuteAction;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.ActionOutcome;
import io.buildfactory.domain.workitems.Lane;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemRef;
import io.buildfactory.persistence.JooqChangeVersions;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.jobs.JooqJobRepository;
import io.buildfactory.persistence.orchestration.JooqDeliverySignals;
import io.buildfactory.persistence.projects.JooqProjectMembers;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.util.ArrayList;
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

/**
 * Many agents acting on one item at once, through the real use case on both databases: the optimistic version
 * check in the repository lets exactly one win. The use-case rules are tested in application (WorkItemServiceTest).
 */
class ConcurrentActionsTest extends OnBothEngines {

    WorkItemService service;
    JooqWorkItemRepository items;
    JooqAuditRepository auditRepository;
    BufferedTelemetrySink sink;
    final IdGenerator ids = new IdGenerator(Clock.systemUTC(), new Random(3));

    static final Map<String, Set<Permission>> ROLES = SeededRoles.PERMISSIONS;

    @BeforeEach
    void wire() {
        Fixtures.projects(db.database(), "BF");
        items = new JooqWorkItemRepository(db.database());
        auditRepository = new JooqAuditRepository(db.database(), Clock.systemUTC());
        JooqTransactionRunner tx = new JooqTransactionRunner(db.database());
        sink = new BufferedTelemetrySink(
                new JooqTelemetryRepository(db.database(), Clock.systemUTC(), IdGenerator.secure(Clock.systemUTC())),
                Clock.systemUTC(),
                BufferedTelemetrySink.Settings.DEFAULT);
        HashChainedAuditTrail audit = new HashChainedAuditTrail(auditRepository, tx, ids, Clock.systemUTC());
        TelemetryEnvelopes telemetry = new TelemetryEnvelopes(sink, ids, Clock.systemUTC());
        ProjectService projects = new ProjectService(
                new JooqProjectRepository(db.database()),
                new JooqProjectMembers(db.database()),
                tx,
                audit,
                telemetry,
                ids,
                Clock.systemUTC(),
                new JooqChangeVersions(db.database()));
        service = new WorkItemService(
                items,
                new JooqWorkItemHistory(db.database(), ids),
                new JooqProjectPolicies(db.database()),
                new JooqAppliedActions(db.database()),
                new JooqWorkItemCardLinks(db.database()),
                new JooqDeliverySignals(db.database()),
                new JobService(new JooqJobRepository(db.database()), tx, audit, ids, Clock.systemUTC()),
                projects,
                tx,
                audit,
                telemetry,
                ids,
                Clock.systemUTC(),
                new JooqChangeVersions(db.database()));
    }

    @AfterEach
    void close() {
        sink.close();
    }

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
                        if (run(maintainer, ready, Action.START_EXECUTION, Optional.empty())
                                instanceof ActionOutcome.Applied) {
                            won.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (ConflictException lost) {
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
        assertEquals(
                ready.version() + 1, items.findById(ready.id()).orElseThrow().version());
    }

    ActionOutcome run(Actor actor, WorkItem item, Action action, Optional<String> key) {
        return service.execute(
                actor, new ExecuteAction(WorkItemRef.parse(item.key().display()), action, key));
    }
}
