package io.buildfactory.bootstrap;

import dagger.BindsInstance;
import dagger.Component;
import io.buildfactory.application.audit.port.in.VerifyAuditChainUseCase;
import io.buildfactory.application.identity.port.in.BootstrapAdminUseCase;
import io.buildfactory.application.identity.port.in.SweepExpiredSessionsUseCase;
import io.buildfactory.application.jobs.JobWorkerPool;
import io.buildfactory.application.jobs.RecurringSchedules;
import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.port.in.PruneTelemetryUseCase;
import io.buildfactory.http.HttpApi;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.Migrations;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The whole application, wired at compile time. */
@Singleton
@Component(
        modules = {
            PersistenceModule.class,
            ApplicationModule.class,
            IdentityModule.class,
            ProjectsModule.class,
            PlanningModule.class,
            OrchestrationModule.class,
            RepositoriesModule.class,
            JobsModule.class,
            WorkItemsModule.class,
            ConversationsModule.class,
            MetricsModule.class,
            HttpModule.class
        })
public interface BuildFactory {

    Database database();

    Migrations migrations();

    HttpApi httpApi();

    io.buildfactory.http.telemetry.TelemetryRoutes.MetricsText metricsText();

    BootstrapAdminUseCase bootstrapAdmin();

    SweepExpiredSessionsUseCase sessionSweep();

    BufferedTelemetrySink telemetrySink();

    PruneTelemetryUseCase telemetryRetention();

    VerifyAuditChainUseCase auditVerification();

    RecurringSchedules schedules();

    EnqueueJobUseCase enqueueJob();

    io.buildfactory.application.orchestration.port.in.ExecuteAssignmentsUseCase executeAssignments();

    io.buildfactory.application.orchestration.port.in.ReviewWorkUseCase reviewWork();

    io.buildfactory.application.repositories.port.in.HoldLeaseUseCase holdLease();

    JobWorkerPool jobWorkers();

    io.buildfactory.application.conversations.port.in.EnforceRetentionUseCase retention();

    static BuildFactory create(AppConfig config, Clock clock) {
        return create(config, clock, StatementObservers.NONE);
    }

    /** As {@link #create(AppConfig, Clock)}, with {@code observers} seeing every statement the database runs. */
    static BuildFactory create(AppConfig config, Clock clock, StatementObservers observers) {
        return DaggerBuildFactory.factory().create(config, clock, observers);
    }

    @Component.Factory
    interface Factory {
        BuildFactory create(
                @BindsInstance AppConfig config,
                @BindsInstance Clock clock,
                @BindsInstance StatementObservers observers);
    }
}
