package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's identity at an external provider (for example a Git host). A (provider, subject) pair belongs to
 * at most one user.
 */
public record IdentityLink(
        IdentityLinkId id,
        UserId userId,
        String provider,
        String subject,
        Optional<EmailAddress> email,
        Optional<String> profileJson,
        Instant createdAt) {

    public IdentityLink {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        provider = Text.required("provider", provider, 100);
        subject = Text.required("subject", subject, 255);
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(profileJson, "profileJson");
        createdAt = Timestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
    }
}
