package io.buildfactory.persistence.crypto;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.buildfactory.application.identity.port.out.PasswordHasher;
import io.buildfactory.domain.identity.PasswordHash;
import io.buildfactory.domain.shared.TooManyAttemptsException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Argon2id at the OWASP parameters (19 MiB, 2 iterations, parallelism 1, 16-byte random salt) through password4j.
 * At most {@code concurrency} hashes run at once, so a login flood cannot exhaust memory or CPU: a caller that
 * cannot get a turn within the wait is refused with 429 rather than queued without end.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int HASH_BYTES = 32;
    static final int SALT_BYTES = 16;

    private final Argon2Function argon2 = Argon2Function.getInstance(
            MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
    private final Semaphore turns;
    private final Duration maxWait;
    /**
     * Verified against when there is no user, so that unknown emails cost the same time as wrong passwords. Made
     * on a thread of its own when the hasher is made, not on the way to serving: a hash is a tenth of start-up.
     */
    private volatile PasswordHash dummy;

    public Argon2PasswordHasher(int concurrency, Duration maxWait) {
        this.turns = new Semaphore(concurrency, true);
        this.maxWait = maxWait;
        Thread.ofVirtual().name("dummy-password-hash").start(this::dummy);
    }

    private PasswordHash dummy() {
        PasswordHash made = dummy;
        if (made == null) {
            synchronized (this) {
                if (dummy == null) { // outside the turns: made once, it must not refuse a caller their turn
                    dummy = new PasswordHash(Password.hash(UUID.randomUUID().toString())
                            .addRandomSalt(SALT_BYTES)
                            .with(argon2)
                            .getResult());
                }
                made = dummy;
            }
        }
        return made;
    }

    @Override
    public PasswordHash hash(String password) {
        return withTurn(() -> new PasswordHash(
                Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult()));
    }

    @Override
    public boolean verify(String password, Optional<PasswordHash> hash) {
        PasswordHash against = hash.orElseGet(this::dummy);
        boolean matches = withTurn(() -> Password.check(password, against.encoded())
                .with(Argon2Function.getInstanceFromHash(against.encoded())));
        return hash.isPresent() && matches;
    }

    private <T> T withTurn(java.util.function.Supplier<T> work) {
        boolean acquired;
        try {
            acquired = turns.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TooManyAttemptsException(Duration.ofSeconds(1));
        }
        if (!acquired) {
            throw new TooManyAttemptsException(Duration.ofSeconds(1));
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }
}
