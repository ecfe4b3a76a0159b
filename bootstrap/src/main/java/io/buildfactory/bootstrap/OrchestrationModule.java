package io.buildfactory.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.orchestration.MemoryService;
import io.buildfactory.application.orchestration.OrchestrationService;
import io.buildfactory.application.orchestration.ReviewService;
import io.buildfactory.application.orchestration.port.in.ExecuteAssignmentsUseCase;
import io.buildfactory.application.orchestration.port.in.KeepMemoryUseCase;
import io.buildfactory.application.orchestration.port.in.RecallMemoryUseCase;
import io.buildfactory.application.orchestration.port.in.ReviewWorkUseCase;
import io.buildfactory.application.orchestration.port.in.StartRunUseCase;
import io.buildfactory.application.orchestration.port.in.ViewRunsUseCase;
import io.buildfactory.application.orchestration.port.out.ExecutionRepository;
import io.buildfactory.application.orchestration.port.out.MemoryRepository;
import io.buildfactory.application.orchestration.port.out.RetrievalLog;
import io.buildfactory.application.orchestration.port.out.ReviewRepository;
import io.buildfactory.application.orchestration.port.out.RunRepository;
import io.buildfactory.application.planning.port.in.ViewPlanUseCase;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.repositories.port.in.WriteUnderLeaseUseCase;
import io.buildfactory.application.shared.port.out.ContentSealer;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.shared.IdGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Orchestration: runs of planned cards, what agents do with them, and the project memory they draw on. */
@Module
interface OrchestrationModule {

    @Provides
    @Singleton
    static OrchestrationService orchestrationService(
            ProjectAccess access,
            ViewPlanUseCase plan,
            RunRepository runs,
            ExecutionRepository executions,
            ReviewRepository reviews,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            AppConfig config,
            WriteUnderLeaseUseCase leases) {
        return new OrchestrationService(
                access,
                plan,
                runs,
                executions,
                reviews,
                transactions,
                audit,
                telemetry,
                ids,
                clock,
                config.executionLease(),
                leases);
    }

    @Provides
    @Singleton
    static ReviewWorkUseCase review(
            ProjectAccess access,
            RunRepository runs,
            ExecutionRepository executions,
            ReviewRepository reviews,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        return new ReviewService(access, runs, executions, reviews, transactions, audit, telemetry, ids, clock);
    }

    @Provides
    @Singleton
    static MemoryService memory(
            ProjectAccess access,
            ViewPlanUseCase plan,
            RunRepository runs,
            ExecutionRepository executions,
            MemoryRepository memory,
            RetrievalLog log,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            ContentSealer sealer,
            AppConfig config) {
        return new MemoryService(
                access,
                plan,
                runs,
                executions,
                memory,
                log,
                transactions,
                audit,
                telemetry,
                ids,
                clock,
                new MemoryService.Protection(config.conversations().protection(), sealer));
    }

    @Binds
    KeepMemoryUseCase keep(MemoryService service);

    @Binds
    RecallMemoryUseCase recall(MemoryService service);

    @Binds
    StartRunUseCase start(OrchestrationService service);

    @Binds
    ExecuteAssignmentsUseCase execute(OrchestrationService service);

    @Binds
    ViewRunsUseCase view(OrchestrationService service);
}
