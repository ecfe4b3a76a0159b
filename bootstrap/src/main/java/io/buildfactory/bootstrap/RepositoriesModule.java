package io.buildfactory.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.repositories.RepositoryService;
import io.buildfactory.application.repositories.port.in.HoldLeaseUseCase;
import io.buildfactory.application.repositories.port.in.ManageRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.ViewRepositoriesUseCase;
import io.buildfactory.application.repositories.port.out.CodeRepositories;
import io.buildfactory.application.repositories.port.out.LeaseRepository;
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

    @Binds
    ManageRepositoriesUseCase manage(RepositoryService service);

    @Binds
    HoldLeaseUseCase lease(RepositoryService service);

    @Binds
    ViewRepositoriesUseCase view(RepositoryService service);
}
