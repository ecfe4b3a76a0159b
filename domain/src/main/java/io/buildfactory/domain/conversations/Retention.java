package io.buildfactory.domain.conversations;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a conversation is due for deletion. Rules come from the global default, the project and the
 * conversation; a level without a rule has no say, and with no rule at all a conversation is kept. Where several
 * apply the longest retention wins, and a legal hold beats any deletion.
 */
public final class Retention {

    private Retention() {}

    /** The rule that decides, or empty when no level has one. */
    public static Optional<RetentionRule> effective(
            Optional<RetentionRule> global, Optional<RetentionRule> project, Optional<RetentionRule> conversation) {
        return Stream.of(global, project, conversation)
                .flatMap(Optional::stream)
                .reduce(RetentionRule::longest);
    }

    /** When the conversation may be deleted, or empty while it must be kept. */
    public static Optional<Instant> deletableAt(
            Optional<RetentionRule> global,
            Optional<RetentionRule> project,
            Optional<RetentionRule> conversation,
            boolean legalHold,
            Instant lastActivity) {
        if (legalHold) {
            return Optional.empty();
        }
        return effective(global, project, conversation)
                .flatMap(RetentionRule::deleteAfter)
                .map(lastActivity::plus);
    }

    public static boolean isDue(
            Optional<RetentionRule> global,
            Optional<RetentionRule> project,
            Optional<RetentionRule> conversation,
            boolean legalHold,
            Instant lastActivity,
            Instant now) {
        return deletableAt(global, project, conversation, legalHold, lastActivity)
                .map(at -> !now.isBefore(at))
                .orElse(false);
    }
}
