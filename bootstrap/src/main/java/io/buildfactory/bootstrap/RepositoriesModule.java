package io.buildfactory.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.repositories.MirrorService;
import io.buildfactory.application.repositories.RepositoryContentService;
import io.buildfactory.application.repositories.RepositoryService;
import io.buildfactory.application.repositories.port.in.HoldLeaseUseCase;
import io.buildfactory.application.repositories.port.in.KeepMirrorsUseCase;
import io.buildfactory.application.repositories.port.in.KeepObjectsUseCase;
import io.buildfactory.application.repositories.port.in.ManageRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.RelateRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.SyncMirrorsUseCase;
import io.buildfactory.application.repositories.port.in.ViewRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.WriteUnderLeaseUseCase;
import io.buildfactory.application.repositories.port.out.CodeRepositories;
import io.buildfactory.application.repositories.port.out.GitMirrors;
import io.buildfactory.application.repositories.port.out.LeaseRepository;
import io.buildfactory.application.repositories.port.out.MirrorRepository;
import io.buildfactory.application.repositories.port.out.ObjectCatalogue;
import io.buildfactory.application.repositories.port.out.RelationshipRepository;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.shared.IdGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Repositories: a project's code repositories, their single-writer leases, and their mirrors. */
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

    @Provides
    @Singleton
    static MirrorService mirrorService(
            ProjectAccess access,
            CodeRepositories repositories,
            LeaseRepository leases,
            MirrorRepository mirrors,
            GitMirrors git,
            EnqueueJobUseCase jobs,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            AppConfig config) {
        return new MirrorService(
                access,
                repositories,
                leases,
                mirrors,
                git,
                jobs,
                transactions,
                audit,
                telemetry,
                ids,
                clock,
                config.mirrorLocalRemotes());
    }

    @Binds
    KeepMirrorsUseCase keepMirrors(MirrorService service);

    @Binds
    SyncMirrorsUseCase syncMirrors(MirrorService service);

    @Binds
    WriteUnderLeaseUseCase writeUnderLease(RepositoryService service);

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
