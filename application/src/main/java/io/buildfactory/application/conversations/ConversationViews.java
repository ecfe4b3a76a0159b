package io.buildfactory.application.conversations;

import io.buildfactory.application.conversations.port.in.ConversationView;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationAccess;
import io.buildfactory.domain.conversations.Exchange;

/** A conversation as its readers see it: with participants and effective retention; exchanges masked. */
public final class ConversationViews {

    private final ConversationRepository conversations;
    private final RetentionService retention;

    public ConversationViews(ConversationRepository conversations, RetentionService retention) {
        this.conversations = conversations;
        this.retention = retention;
    }

    ConversationView of(Conversation c, ConversationAccess access) {
        RetentionService.Effective effective = retention.effective(c);
        return new ConversationView(
                c, access, conversations.participants(c.id()), effective.rule(), effective.deletableAt());
    }

    /** Sealed values shown as their kind: reading never opens them (revealing is its own, audited, use case). */
    static Exchange masked(Exchange e) {
        return e.withContent(ContentProtection::masked);
    }
}
