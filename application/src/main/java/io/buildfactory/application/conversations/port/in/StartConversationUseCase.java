package io.buildfactory.application.conversations.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import java.util.Optional;

public interface StartConversationUseCase {

    /** A new conversation: a title (scanned like content), and optionally the project and work item it is about. */
    record NewConversation(String title, Optional<String> projectKey, Optional<String> workItem) {}

    /** Needs {@code factory.conversation.create}; the caller becomes its owner. */
    ConversationView start(Actor actor, NewConversation conversation);
}
