package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A person or an agent that acts in the factory. */
public record User(
        UserId id,
        EmailAddress email,
        String displayName,
        UserKind kind,
        UserStatus status,
        Optional<PasswordHash> passwordHash,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final int DISPLAY_NAME_MAX = 200;

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        displayName = Text.required("displayName", displayName, DISPLAY_NAME_MAX);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(passwordHash, "passwordHash");
        createdAt = Timestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
        updatedAt = Timestamps.stored(Objects.requireNonNull(updatedAt, "updatedAt"));
    }

    /** A new, active user at version 1. */
    public static User register(UserId id, EmailAddress email, String displayName, UserKind kind, Instant now) {
        return new User(id, email, displayName, kind, UserStatus.ACTIVE, Optional.empty(), now, now, 1);
    }

    /** A user as stored, with no business checks beyond the values' own. */
    public static User rehydrate(
            UserId id,
            EmailAddress email,
            String displayName,
            UserKind kind,
            UserStatus status,
            Optional<PasswordHash> passwordHash,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        return new User(id, email, displayName, kind, status, passwordHash, createdAt, updatedAt, version);
    }

    public User rename(String newDisplayName, Instant now) {
        return new User(id, email, newDisplayName, kind, status, passwordHash, createdAt, now, version);
    }

    public User changeEmail(EmailAddress newEmail, Instant now) {
        return new User(id, newEmail, displayName, kind, status, passwordHash, createdAt, now, version);
    }

    public User withPassword(PasswordHash hash, Instant now) {
        return new User(id, email, displayName, kind, status, Optional.of(hash), createdAt, now, version);
    }

    public User disable(Instant now) {
        return new User(id, email, displayName, kind, UserStatus.DISABLED, passwordHash, createdAt, now, version);
    }

    public User enable(Instant now) {
        return new User(id, email, displayName, kind, UserStatus.ACTIVE, passwordHash, createdAt, now, version);
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }
}
