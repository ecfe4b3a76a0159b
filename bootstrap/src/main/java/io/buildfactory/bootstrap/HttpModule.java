package io.buildfactory.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.buildfactory.application.audit.port.in.QueryAuditEventsUseCase;
import io.buildfactory.application.audit.port.in.VerifyAuditChainUseCase;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase;
import io.buildfactory.application.conversations.port.in.ExportConversationsUseCase;
import io.buildfactory.application.conversations.port.in.ManageConversationUseCase;
import io.buildfactory.application.conversations.port.in.ManageRetentionUseCase;
import io.buildfactory.application.conversations.port.in.StartConversationUseCase;
import io.buildfactory.application.conversations.port.in.ViewConversationsUseCase;
import io.buildfactory.application.identity.port.in.AssignRoleUseCase;
import io.buildfactory.application.identity.port.in.AuthenticateUseCase;
import io.buildfactory.application.identity.port.in.ChangePasswordUseCase;
import io.buildfactory.application.identity.port.in.ChangeRolePermissionsUseCase;
import io.buildfactory.application.identity.port.in.CreateRoleUseCase;
import io.buildfactory.application.identity.port.in.CreateUserUseCase;
import io.buildfactory.application.identity.port.in.DescribeSessionUseCase;
import io.buildfactory.application.identity.port.in.EraseUserUseCase;
import io.buildfactory.application.identity.port.in.GetUserUseCase;
import io.buildfactory.application.identity.port.in.ListRolesUseCase;
import io.buildfactory.application.identity.port.in.ListUsersUseCase;
import io.buildfactory.application.identity.port.in.LogInUseCase;
import io.buildfactory.application.identity.port.in.LogOutEverywhereUseCase;
import io.buildfactory.application.identity.port.in.LogOutUseCase;
import io.buildfactory.application.identity.port.in.ManageApiTokensUseCase;
import io.buildfactory.application.identity.port.in.ManageIdentityLinksUseCase;
import io.buildfactory.application.identity.port.in.UpdateUserUseCase;
import io.buildfactory.application.jobs.port.in.ControlJobsUseCase;
import io.buildfactory.application.jobs.port.in.QueryJobsUseCase;
import io.buildfactory.application.orchestration.port.in.ExecuteAssignmentsUseCase;
import io.buildfactory.application.orchestration.port.in.KeepMemoryUseCase;
import io.buildfactory.application.orchestration.port.in.RecallMemoryUseCase;
import io.buildfactory.application.orchestration.port.in.ReviewWorkUseCase;
import io.buildfactory.application.orchestration.port.in.StartRunUseCase;
import io.buildfactory.application.orchestration.port.in.ViewRunsUseCase;
import io.buildfactory.application.planning.port.in.PlanUseCase;
import io.buildfactory.application.planning.port.in.ViewPlanUseCase;
import io.buildfactory.application.projects.port.in.CreateProjectUseCase;
import io.buildfactory.application.projects.port.in.ManageProjectMembersUseCase;
import io.buildfactory.application.projects.port.in.UpdateProjectUseCase;
import io.buildfactory.application.projects.port.in.ViewProjectsUseCase;
import io.buildfactory.application.repositories.port.in.HoldLeaseUseCase;
import io.buildfactory.application.repositories.port.in.KeepMirrorsUseCase;
import io.buildfactory.application.repositories.port.in.KeepObjectsUseCase;
import io.buildfactory.application.repositories.port.in.ManageRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.RelateRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.ViewRepositoriesUseCase;
import io.buildfactory.application.system.port.in.CheckReadinessUseCase;
import io.buildfactory.application.telemetry.port.in.IngestTelemetryUseCase;
import io.buildfactory.application.telemetry.port.in.QueryTelemetryUseCase;
import io.buildfactory.application.workitems.port.in.CreateWorkItemUseCase;
import io.buildfactory.application.workitems.port.in.ExecuteActionUseCase;
import io.buildfactory.application.workitems.port.in.LinkCardUseCase;
import io.buildfactory.application.workitems.port.in.ManagePolicyUseCase;
import io.buildfactory.application.workitems.port.in.UpdateWorkItemUseCase;
import io.buildfactory.application.workitems.port.in.ViewWorkItemsUseCase;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.http.HttpApi;
import io.buildfactory.http.audit.AuditRoutes;
import io.buildfactory.http.conversations.ConversationRoutes;
import io.buildfactory.http.identity.IdentityRoutes;
import io.buildfactory.http.jobs.JobRoutes;
import io.buildfactory.http.orchestration.MemoryRoutes;
import io.buildfactory.http.orchestration.ReviewRoutes;
import io.buildfactory.http.orchestration.RunRoutes;
import io.buildfactory.http.planning.PlanningRoutes;
import io.buildfactory.http.projects.ProjectRoutes;
import io.buildfactory.http.repositories.MirrorRoutes;
import io.buildfactory.http.repositories.RepositoryContentRoutes;
import io.buildfactory.http.repositories.RepositoryRoutes;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.shared.RouteGroup;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.system.SystemRoutes;
import io.buildfactory.http.telemetry.TelemetryRoutes;
import io.buildfactory.http.workitems.WorkItemCardRoutes;
import io.buildfactory.http.workitems.WorkItemRoutes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/** The HTTP API: every route group, each calling its use cases. */
@Module
interface HttpModule {

    @Provides
    @Singleton
    static ObjectMapper json() {
        return Json.mapper();
    }

    @Provides
    @Singleton
    static OpenApiDocument openApi(ObjectMapper json) {
        return OpenApiDocument.load(json);
    }

    @Provides
    @IntoSet
    static RouteGroup systemRoutes(CheckReadinessUseCase readiness, OpenApiDocument openApi) {
        return new SystemRoutes(readiness, openApi);
    }

    @Provides
    @IntoSet
    static RouteGroup identityRoutes(
            LogInUseCase logIn,
            LogOutUseCase logOut,
            LogOutEverywhereUseCase logOutEverywhere,
            DescribeSessionUseCase describe,
            ChangePasswordUseCase password,
            CreateUserUseCase createUser,
            ListUsersUseCase listUsers,
            GetUserUseCase getUser,
            UpdateUserUseCase updateUser,
            ListRolesUseCase listRoles,
            CreateRoleUseCase createRole,
            ChangeRolePermissionsUseCase rolePermissions,
            AssignRoleUseCase assignRole,
            ManageIdentityLinksUseCase links,
            ManageApiTokensUseCase tokens,
            ObjectMapper json,
            AppConfig config) {
        return new IdentityRoutes(
                new IdentityRoutes.UseCases(
                        logIn,
                        logOut,
                        logOutEverywhere,
                        describe,
                        password,
                        createUser,
                        listUsers,
                        getUser,
                        updateUser,
                        listRoles,
                        createRole,
                        rolePermissions,
                        assignRole,
                        links,
                        tokens),
                json,
                config.sessions().absoluteLifetime());
    }

    @Provides
    @IntoSet
    static RouteGroup auditRoutes(QueryAuditEventsUseCase query, VerifyAuditChainUseCase verify, ObjectMapper json) {
        return new AuditRoutes(query, verify, json);
    }

    @Provides
    @IntoSet
    static RouteGroup telemetryRoutes(
            IngestTelemetryUseCase ingest,
            QueryTelemetryUseCase query,
            ObjectMapper json,
            TelemetryRoutes.MetricsText metrics) {
        return new TelemetryRoutes(ingest, query, json, metrics);
    }

    @Provides
    @IntoSet
    static RouteGroup projectRoutes(
            CreateProjectUseCase create,
            UpdateProjectUseCase update,
            ViewProjectsUseCase view,
            ManageProjectMembersUseCase members) {
        return new ProjectRoutes(create, update, view, members);
    }

    @Provides
    @IntoSet
    static RouteGroup workItemCardRoutes(LinkCardUseCase links) {
        return new WorkItemCardRoutes(links);
    }

    @Provides
    @IntoSet
    static RouteGroup runRoutes(StartRunUseCase start, ExecuteAssignmentsUseCase execute, ViewRunsUseCase view) {
        return new RunRoutes(start, execute, view);
    }

    @Provides
    @IntoSet
    static RouteGroup repositoryRoutes(
            ManageRepositoriesUseCase manage, HoldLeaseUseCase lease, ViewRepositoriesUseCase view) {
        return new RepositoryRoutes(manage, lease, view);
    }

    @Provides
    @IntoSet
    static RouteGroup repositoryContentRoutes(KeepObjectsUseCase objects, RelateRepositoriesUseCase relationships) {
        return new RepositoryContentRoutes(objects, relationships);
    }

    @Provides
    @IntoSet
    static RouteGroup mirrorRoutes(KeepMirrorsUseCase mirrors) {
        return new MirrorRoutes(mirrors);
    }

    @Provides
    @IntoSet
    static RouteGroup memoryRoutes(KeepMemoryUseCase keep, RecallMemoryUseCase recall) {
        return new MemoryRoutes(keep, recall);
    }

    @Provides
    @IntoSet
    static RouteGroup reviewRoutes(ReviewWorkUseCase review) {
        return new ReviewRoutes(review);
    }

    @Provides
    @IntoSet
    static RouteGroup planningRoutes(PlanUseCase plan, ViewPlanUseCase view) {
        return new PlanningRoutes(plan, view);
    }

    @Provides
    @IntoSet
    static RouteGroup jobRoutes(QueryJobsUseCase query, ControlJobsUseCase control, ObjectMapper json) {
        return new JobRoutes(query, control, json);
    }

    @Provides
    @IntoSet
    static RouteGroup workItemRoutes(
            CreateWorkItemUseCase create,
            UpdateWorkItemUseCase update,
            ViewWorkItemsUseCase view,
            ExecuteActionUseCase execute,
            ManagePolicyUseCase policy,
            ObjectMapper json) {
        return new WorkItemRoutes(create, update, view, execute, policy, json);
    }

    @Provides
    @IntoSet
    static RouteGroup conversationRoutes(
            StartConversationUseCase start,
            ViewConversationsUseCase view,
            ManageConversationUseCase manage,
            ExchangeUseCase exchanges,
            ExportConversationsUseCase export,
            ManageRetentionUseCase retention,
            EraseUserUseCase erasure) {
        return new ConversationRoutes(
                new ConversationRoutes.UseCases(start, view, manage, exchanges, export, retention, erasure));
    }

    @Provides
    @Singleton
    static HttpApi httpApi(
            ObjectMapper json,
            IdGenerator ids,
            AuthenticateUseCase authentication,
            Set<RouteGroup> groups,
            io.micrometer.core.instrument.MeterRegistry meters,
            AppConfig config) {
        AppConfig.Limits limits = config.limits();
        return new HttpApi(
                json,
                ids,
                authentication,
                List.copyOf(groups),
                meters,
                new HttpApi.Limits(
                        io.buildfactory.http.shared.RateLimiter.perMinute(limits.userPerMinute()),
                        io.buildfactory.http.shared.RateLimiter.perMinute(limits.addressPerMinute()),
                        new io.buildfactory.http.shared.ClientAddress(limits.trustedProxies().stream()
                                .map(io.buildfactory.http.shared.ClientAddress.Cidr::parse)
                                .toList()),
                        io.buildfactory.persistence.DatabaseUnreachable::is,
                        new HttpApi.Connections(
                                config.serving().idleTimeout(),
                                config.serving().minRequestBytesPerSecond(),
                                config.serving().shutdownGrace())));
    }
}
