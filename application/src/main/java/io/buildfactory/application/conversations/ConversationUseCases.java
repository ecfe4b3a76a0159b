package io.buildfactory.application.conversations;

import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase;
import io.buildfactory.application.conversations.port.in.ExportConversationsUseCase;
import io.buildfactory.application.conversations.port.in.ManageConversationUseCase;
import io.buildfactory.application.conversations.port.in.StartConversationUseCase;
import io.buildfactory.application.conversations.port.in.ViewConversationsUseCase;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.conversations.port.out.ExchangeRepository;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.shared.port.out.ContentSealer;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.shared.IdGenerator;
import java.time.Clock;

/**
 * The conversation use cases, one service each, sharing one guard, journal and view: assembled here once, so the
 * wiring, the tests and the benchmarks build the same graph.
 */
public record ConversationUseCases(
        StartConversationUseCase start,
        ViewConversationsUseCase view,
        ManageConversationUseCase manage,
        ExchangeUseCase exchanges,
        ExportConversationsUseCase export) {

    public static ConversationUseCases assemble(
            ConversationRepository conversations,
            ExchangeRepository exchanges,
            ProjectAccess projects,
            RetentionService retention,
            ContentSealer sealer,
            ConversationSettings settings,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        ConversationGuard guard = new ConversationGuard(conversations, transactions, audit, telemetry);
        ConversationJournal journal = new ConversationJournal(conversations, audit, telemetry, ids, clock);
        ConversationViews views = new ConversationViews(conversations, retention);
        return new ConversationUseCases(
                new StartConversationService(conversations, projects, views, journal, transactions, ids, clock),
                new ViewConversationsService(guard, conversations, exchanges, views),
                new ManageConversationService(
                        guard, conversations, retention, settings, views, journal, transactions, clock),
                new ExchangeService(
                        guard, conversations, exchanges, sealer, settings, journal, transactions, ids, clock),
                new ExportConversationsService(guard, conversations, exchanges, views, audit, transactions, clock));
    }
}
