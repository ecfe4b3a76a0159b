package io.buildfactory.application.conversations.port.in;

import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationAccess;
import io.buildfactory.domain.conversations.Participant;
import io.buildfactory.domain.conversations.RetentionRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A conversation as one caller sees it: their access, its participants, the retention rule that applies and
 * when it becomes deletable (empty: kept).
 */
public record ConversationView(
        Conversation conversation,
        ConversationAccess access,
        List<Participant> participants,
        Optional<RetentionRule> retention,
        Optional<Instant> deletableAt) {

    public ConversationView {
        participants = List.copyOf(participants);
    }
}
