package io.buildfactory.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.repositories.RepositoryContentService;
import io.buildfactory.application.repositories.RepositoryService;
import io.buildfactory.application.repositories.port.in.HoldLeaseUseCase;
import io.buildfactory.application.repositories.port.in.KeepObjectsUseCase;
import io.buildfactory.application.repositories.port.in.ManageRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.RelateRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.ViewRepositoriesUseCase;
import io.buildfactory.application.repositories.port.out.CodeRepositories;
import io.buildfactory.application.repositories.port.out.LeaseRepository;
import io.buildfactory.application.repositories.port.out.ObjectCatalogue;
import io.buildfactory.application.repositories.port.out.RelationshipRepository;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.shared.IdGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Repositories: a project's code repositories and their single-writer leases. */
@Module
interface RepositoriesModule {

    @Provides
    @Singleton
    static RepositoryService repositoryService(
            ProjectAccess access,
            CodeRepositories repositories,
            LeaseRepository leases,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        return new RepositoryService(access, repositories, leases, transactions, audit, telemetry, ids, clock);
    }

    @Provides
    @Singleton
    static RepositoryContentService contentService(
            ProjectAccess access,
            CodeRepositories repositories,
            LeaseRepository leases,
            ObjectCatalogue objects,
            RelationshipRepository relationships,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            Clock clock) {
        return new RepositoryContentService(
                access, repositories, leases, objects, relationships, transactions, audit, telemetry, clock);
    }

    @Binds
    KeepObjectsUseCase objects(RepositoryContentService service);

    @Binds
    RelateRepositoriesUseCase relationships(RepositoryContentService service);

    @Binds
    ManageRepositoriesUseCase manage(RepositoryService service);

    @Binds
    HoldLeaseUseCase lease(RepositoryService service);

    @Binds
    ViewRepositoriesUseCase view(RepositoryService service);
}
