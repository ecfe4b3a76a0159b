package io.buildfactory.application.conversations;

import io.buildfactory.domain.conversations.ContentProtection;
import java.time.Duration;
import java.util.Objects;

/** How conversations are governed: what happens to sensitive findings, and how long a deleted one stays. */
public record ConversationSettings(ContentProtection.Mode protection, Duration deleteGrace) {

    public static final Duration DEFAULT_GRACE = Duration.ofDays(30);

    public ConversationSettings {
        Objects.requireNonNull(protection, "protection");
        if (deleteGrace.isNegative()) {
            throw new IllegalArgumentException("deleteGrace must not be negative");
        }
    }
}
