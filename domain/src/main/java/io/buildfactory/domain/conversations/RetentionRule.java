package io.buildfactory.domain.conversations;

import io.buildfactory.domain.shared.InvalidInputException;
import java.time.Duration;
import java.util.Optional;

/** How long conversations are kept: forever, or deleted a number of days after their last activity. */
public record RetentionRule(Optional<Duration> deleteAfter) {

    public RetentionRule {
        if (deleteAfter.isPresent() && deleteAfter.get().isNegative()) {
            throw new InvalidInputException("deleteAfterDays", "must not be negative");
        }
    }

    public static RetentionRule keepForever() {
        return new RetentionRule(Optional.empty());
    }

    public static RetentionRule deleteAfterDays(int days) {
        return new RetentionRule(Optional.of(Duration.ofDays(days)));
    }

    /** The longer of two rules: keeping forever beats any deletion; otherwise the later deletion wins. */
    public RetentionRule longest(RetentionRule other) {
        if (deleteAfter.isEmpty() || other.deleteAfter.isEmpty()) {
            return keepForever();
        }
        return deleteAfter.get().compareTo(other.deleteAfter.get()) >= 0 ? this : other;
    }
}
