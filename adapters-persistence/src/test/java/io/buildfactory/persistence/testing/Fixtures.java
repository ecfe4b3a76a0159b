package io.buildfactory.persistence.testing;

import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserKind;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.Ulid;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/** Seeded ids and a fixed clock, so every run of a test sees the same values. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123456Z");

    private final IdGenerator ids = new IdGenerator(Clock.fixed(NOW, ZoneOffset.UTC), new Random(42));
    private int emails;

    public Ulid id() {
        return ids.next();
    }

    public User user() {
        emails++;
        return User.register(new UserId(id()), new EmailAddress("user" + emails + "@example.com"),
                "User " + emails, UserKind.HUMAN, NOW);
    }
}
