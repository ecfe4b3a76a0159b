package io.buildfactory.domain.conversations;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a conversation is due for deletion. Rules come from the global default, the project and the
 * conversation; where several apply the longest retention wins, and a legal hold beats any deletion.
 */
public final class RetentionPolicy {

    private RetentionPolicy() {
    }

    /** When the conversation may be deleted, or empty while it must be kept. */
    public static Optional<Instant> deletableAt(RetentionRule global, Optional<RetentionRule> project,
                                                Optional<RetentionRule> conversation, boolean legalHold,
                                                Instant lastActivity) {
        if (legalHold) {
            return Optional.empty();
        }
        RetentionRule effective = global;
        if (project.isPresent()) {
            effective = effective.longest(project.get());
        }
        if (conversation.isPresent()) {
            effective = effective.longest(conversation.get());
        }
        return effective.deleteAfter().map(lastActivity::plus);
    }

    public static boolean isDue(RetentionRule global, Optional<RetentionRule> project,
                                Optional<RetentionRule> conversation, boolean legalHold, Instant lastActivity,
                                Instant now) {
        return deletableAt(global, project, conversation, legalHold, lastActivity).map(at -> !now.isBefore(at))
                .orElse(false);
    }
}
