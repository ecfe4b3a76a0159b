package io.buildfactory.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.projects.ProjectService;
import io.buildfactory.application.projects.port.in.CreateProjectUseCase;
import io.buildfactory.application.projects.port.in.ManageProjectMembersUseCase;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.projects.port.in.UpdateProjectUseCase;
import io.buildfactory.application.projects.port.in.ViewProjectsUseCase;
import io.buildfactory.application.projects.port.out.ProjectMembers;
import io.buildfactory.application.projects.port.out.ProjectRepository;
import io.buildfactory.application.shared.port.out.ChangeVersions;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.shared.IdGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Projects: the home of work items, policies and conversations. */
@Module
interface ProjectsModule {

    @Provides
    @Singleton
    static ProjectService projectService(
            ProjectRepository projects,
            ProjectMembers members,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            ChangeVersions versions) {
        return new ProjectService(projects, members, transactions, audit, telemetry, ids, clock, versions);
    }

    @Binds
    CreateProjectUseCase create(ProjectService service);

    @Binds
    UpdateProjectUseCase update(ProjectService service);

    @Binds
    ViewProjectsUseCase view(ProjectService service);

    @Binds
    ManageProjectMembersUseCase members(ProjectService service);

    @Binds
    ProjectAccess access(ProjectService service);
}
