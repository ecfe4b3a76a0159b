package io.buildfactory.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.ConversationSettings;
import io.buildfactory.application.conversations.ConversationUseCases;
import io.buildfactory.application.conversations.RetentionService;
import io.buildfactory.application.conversations.port.in.EnforceRetentionUseCase;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase;
import io.buildfactory.application.conversations.port.in.ExportConversationsUseCase;
import io.buildfactory.application.conversations.port.in.ForgetUserUseCase;
import io.buildfactory.application.conversations.port.in.ManageConversationUseCase;
import io.buildfactory.application.conversations.port.in.ManageRetentionUseCase;
import io.buildfactory.application.conversations.port.in.StartConversationUseCase;
import io.buildfactory.application.conversations.port.in.ViewConversationsUseCase;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.conversations.port.out.ExchangeRepository;
import io.buildfactory.application.conversations.port.out.RetentionPolicyRepository;
import io.buildfactory.application.identity.ErasureService;
import io.buildfactory.application.identity.port.in.EraseUserUseCase;
import io.buildfactory.application.identity.port.out.RoleRepository;
import io.buildfactory.application.identity.port.out.UserRepository;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.shared.port.out.ContentSealer;
import io.buildfactory.application.shared.port.out.StorageScrubber;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.crypto.AesGcmContentSealer;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;

/** Conversations with their governance: content protection, retention, deletion and erasure. */
@Module
interface ConversationsModule {

    @Provides
    @Singleton
    static ContentSealer sealer(AppConfig config) {
        return config.conversations()
                .contentKey()
                .<ContentSealer>map(key -> new AesGcmContentSealer(key, new SecureRandom()))
                .orElse(ContentSealer.NONE);
    }

    @Provides
    @Singleton
    static RetentionService retention(
            ConversationRepository conversations,
            RetentionPolicyRepository policies,
            StorageScrubber scrubber,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        return new RetentionService(conversations, policies, scrubber, transactions, audit, telemetry, ids, clock);
    }

    @Provides
    @Singleton
    static ConversationUseCases conversations(
            ConversationRepository conversations,
            ExchangeRepository exchanges,
            ProjectAccess projects,
            RetentionService retention,
            ContentSealer sealer,
            AppConfig config,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        return ConversationUseCases.assemble(
                conversations,
                exchanges,
                projects,
                retention,
                sealer,
                new ConversationSettings(
                        config.conversations().protection(),
                        config.conversations().deleteGrace()),
                transactions,
                audit,
                telemetry,
                ids,
                clock);
    }

    @Provides
    static StartConversationUseCase start(ConversationUseCases useCases) {
        return useCases.start();
    }

    @Provides
    static ViewConversationsUseCase view(ConversationUseCases useCases) {
        return useCases.view();
    }

    @Provides
    static ManageConversationUseCase manage(ConversationUseCases useCases) {
        return useCases.manage();
    }

    @Provides
    static ExchangeUseCase exchanges(ConversationUseCases useCases) {
        return useCases.exchanges();
    }

    @Provides
    static ExportConversationsUseCase export(ConversationUseCases useCases) {
        return useCases.export();
    }

    @Provides
    @Singleton
    static ErasureService erasure(
            UserRepository users,
            RoleRepository roles,
            ForgetUserUseCase conversations,
            StorageScrubber scrubber,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry) {
        return new ErasureService(users, roles, conversations, scrubber, transactions, audit, telemetry);
    }

    @Binds
    ManageRetentionUseCase manageRetention(RetentionService service);

    @Binds
    EnforceRetentionUseCase enforceRetention(RetentionService service);

    @Binds
    ForgetUserUseCase forget(RetentionService service);

    @Binds
    EraseUserUseCase erase(ErasureService service);
}
