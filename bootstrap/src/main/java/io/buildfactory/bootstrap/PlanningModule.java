package io.buildfactory.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.planning.PlanningService;
import io.buildfactory.application.planning.port.in.PlanUseCase;
import io.buildfactory.application.planning.port.in.ViewPlanUseCase;
import io.buildfactory.application.planning.port.out.CardRepository;
import io.buildfactory.application.planning.port.out.ContextArtifactRepository;
import io.buildfactory.application.planning.port.out.PlanningLog;
import io.buildfactory.application.planning.port.out.PolicyProfileRepository;
import io.buildfactory.application.planning.port.out.WorkflowRepository;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.application.workitems.WorkItemCardService;
import io.buildfactory.application.workitems.port.in.LinkCardUseCase;
import io.buildfactory.application.workitems.port.out.WorkItemCardLinks;
import io.buildfactory.application.workitems.port.out.WorkItemRepository;
import io.buildfactory.domain.shared.IdGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Planning: a project's workflows, activities, cards and what they know, changed through planning actions. */
@Module
interface PlanningModule {

    @Provides
    @Singleton
    static PlanningService planningService(
            ProjectAccess access,
            WorkflowRepository workflows,
            CardRepository cards,
            ContextArtifactRepository artifacts,
            PolicyProfileRepository profiles,
            PlanningLog log,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        return new PlanningService(
                access, workflows, cards, artifacts, profiles, log, transactions, audit, telemetry, ids, clock);
    }

    @Provides
    @Singleton
    static LinkCardUseCase workItemCards(
            WorkItemRepository items,
            WorkItemCardLinks links,
            ProjectAccess access,
            TransactionRunner transactions,
            AuditTrail audit) {
        return new WorkItemCardService(items, links, access, transactions, audit);
    }

    @Binds
    PlanUseCase plan(PlanningService service);

    @Binds
    ViewPlanUseCase view(PlanningService service);
}
