package io.buildfactory.application.conversations;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.conversations.port.in.ConversationView;
import io.buildfactory.application.conversations.port.in.StartConversationUseCase;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationAccess;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.domain.workitems.WorkItemId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a conversation: the caller owns it, its title is redacted, and the start is in its history and audited.
 */
public final class StartConversationService implements StartConversationUseCase {

    private final ConversationRepository conversations;
    private final ProjectAccess projects;
    private final ConversationViews views;
    private final ConversationJournal journal;
    private final TransactionRunner transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public StartConversationService(
            ConversationRepository conversations,
            ProjectAccess projects,
            ConversationViews views,
            ConversationJournal journal,
            TransactionRunner transactions,
            IdGenerator ids,
            Clock clock) {
        this.conversations = conversations;
        this.projects = projects;
        this.views = views;
        this.journal = journal;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public ConversationView start(Actor actor, NewConversation request) {
        actor.require(Permissions.CONVERSATION_CREATE);
        if (request.title() == null || request.title().isBlank()) {
            throw new InvalidInputException("title", "is required");
        }
        Optional<ProjectKey> project = request.projectKey().map(ProjectKey::new);
        // a project hidden from the caller is as unknown to them as one that does not exist
        project.filter(key -> projects.in(actor, key).isEmpty()).ifPresent(key -> {
            throw new InvalidInputException("projectKey", "names no project");
        });
        Optional<WorkItemId> workItem = request.workItem().map(ref -> {
            if (!Ulid.isValid(ref)) {
                throw new InvalidInputException("workItemId", "must be a work item id");
            }
            return new WorkItemId(new Ulid(ref));
        });
        Instant now = clock.instant();
        // Titles are always redacted, never sealed: they are short, listed everywhere, and must stay readable.
        ContentProtection.Protected title =
                ContentProtection.redact(request.title().strip());
        Conversation conversation = Conversation.start(
                new ConversationId(ids.next()), actor.userId(), title.text(), project, workItem, now);
        transactions.inTransaction(() -> {
            conversations.insert(conversation);
            journal.event(conversation.id(), Optional.empty(), "conversation.created", actor, Map.of());
            journal.audit(
                    actor,
                    AuditAction.CONVERSATION_CREATE,
                    conversation.id(),
                    ConversationJournal.findings(title.findings()));
            return null;
        });
        journal.emit(
                ServerEvent.CONVERSATION_CREATED,
                actor,
                Map.of("conversation", conversation.id().toString()));
        return views.of(conversation, ConversationAccess.OWNER);
    }
}
