package io.buildfactory.application.conversations.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A conversation whole, as its participants may take it away: masked, like every read. */
public interface ExportConversationsUseCase {

    record ConversationExport(ConversationView view, List<Exchange> exchanges, List<ConversationEvent> history) {}

    ConversationExport export(Actor actor, ConversationId id, Optional<String> reason);

    /** Every conversation one user takes part in, as of {@code exportedAt}. */
    record UserExport(UserId user, Instant exportedAt, List<ConversationExport> conversations) {}

    /** Every conversation the user takes part in; only the user may export theirs. */
    UserExport exportAll(Actor actor, UserId user);
}
