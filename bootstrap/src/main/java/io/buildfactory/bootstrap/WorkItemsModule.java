package io.buildfactory.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.shared.port.out.ChangeVersions;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.application.workitems.WorkItemService;
import io.buildfactory.application.workitems.port.in.CreateWorkItemUseCase;
import io.buildfactory.application.workitems.port.in.ExecuteActionUseCase;
import io.buildfactory.application.workitems.port.in.ManagePolicyUseCase;
import io.buildfactory.application.workitems.port.in.UpdateWorkItemUseCase;
import io.buildfactory.application.workitems.port.in.ViewWorkItemsUseCase;
import io.buildfactory.application.workitems.port.out.AppliedActions;
import io.buildfactory.application.workitems.port.out.DeliverySignals;
import io.buildfactory.application.workitems.port.out.ProjectPolicies;
import io.buildfactory.application.workitems.port.out.WorkItemCardLinks;
import io.buildfactory.application.workitems.port.out.WorkItemHistory;
import io.buildfactory.application.workitems.port.out.WorkItemRepository;
import io.buildfactory.domain.shared.IdGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The work-item control plane. */
@Module
interface WorkItemsModule {

    @Provides
    @Singleton
    static WorkItemService workItemService(
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
        return new WorkItemService(
                items,
                history,
                policies,
                applied,
                cards,
                delivery,
                jobs,
                projects,
                transactions,
                audit,
                telemetry,
                ids,
                clock,
                versions);
    }

    @Binds
    CreateWorkItemUseCase create(WorkItemService service);

    @Binds
    UpdateWorkItemUseCase update(WorkItemService service);

    @Binds
    ViewWorkItemsUseCase view(WorkItemService service);

    @Binds
    ExecuteActionUseCase execute(WorkItemService service);

    @Binds
    ManagePolicyUseCase policy(WorkItemService service);
}
