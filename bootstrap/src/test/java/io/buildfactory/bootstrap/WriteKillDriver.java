package io.buildfactory.bootstrap;

import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserKind;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.DatabaseSettings;
import io.buildfactory.persistence.identity.JooqSessionRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Run in a child JVM by {@link WriteKillTest}: {@code WRITERS} threads write as fast as they are answered, each
 * unit a user and their session in one transaction, and print {@code acked <user id>} once a write has returned:
 * what the process would have acknowledged to a client.
 */
public final class WriteKillDriver {

    static final int WRITERS = 32;

    private WriteKillDriver() {}

    public static void main(String[] args) throws InterruptedException {
        Database db = Database.open(DatabaseSettings.fromUrl(args[0], 8));
        JooqUserRepository users = new JooqUserRepository(db);
        JooqSessionRepository sessions = new JooqSessionRepository(db);
        IdGenerator ids = new IdGenerator(Clock.systemUTC(), new SecureRandom());
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread.ofPlatform().start(() -> {
                for (long n = 0; ; n++) {
                    Instant now = Instant.now();
                    User user = User.register(
                            new UserId(ids.next()),
                            new EmailAddress("w" + writer + "-" + n + "@kill.example.com"),
                            "Writer " + writer,
                            UserKind.HUMAN,
                            now);
                    Session session = new Session(
                            new SessionId(ids.next()),
                            user.id(),
                            TokenHash.of("token-" + user.id()),
                            now,
                            now,
                            now.plus(Duration.ofMinutes(30)),
                            now.plus(Duration.ofHours(12)),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of("127.0.0.1"),
                            Optional.of("kill-driver"));
                    db.transaction(() -> {
                        users.insert(user);
                        sessions.insert(session);
                        return null;
                    });
                    synchronized (System.out) {
                        System.out.println("acked " + user.id());
                        System.out.flush();
                    }
                }
            });
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
