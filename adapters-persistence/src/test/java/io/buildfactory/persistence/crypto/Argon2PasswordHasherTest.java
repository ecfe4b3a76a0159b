package io.buildfactory.persistence.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.PasswordHash;
import io.buildfactory.domain.shared.TooManyAttemptsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {

    final Argon2PasswordHasher hasher = new Argon2PasswordHasher(2, Duration.ofSeconds(5));

    @Test
    void hashes_are_argon2id_at_the_owasp_parameters_with_a_16_byte_random_salt() {
        PasswordHash a = hasher.hash("violet-otter-lamp");
        PasswordHash b = hasher.hash("violet-otter-lamp");
        assertTrue(a.encoded().startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), a.encoded());
        String salt = a.encoded().split("\\$")[4];
        assertEquals(16, Base64.getDecoder().decode(pad(salt)).length);
        assertNotEquals(a, b, "a unique salt per hash");
    }

    @Test
    void only_the_right_password_verifies_and_no_hash_never_verifies() {
        PasswordHash hash = hasher.hash("violet-otter-lamp");
        assertTrue(hasher.verify("violet-otter-lamp", Optional.of(hash)));
        assertFalse(hasher.verify("violet-otter-lamb", Optional.of(hash)));
        assertFalse(hasher.verify("violet-otter-lamp", Optional.empty()));
    }

    @Test
    void hashing_beyond_the_concurrency_bound_is_refused_instead_of_queued_forever() throws Exception {
        Argon2PasswordHasher oneAtATime = new Argon2PasswordHasher(1, Duration.ofMillis(1));
        int callers = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        oneAtATime.hash("violet-otter-lamp");
                        return true;
                    } catch (TooManyAttemptsException refused) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int hashed = 0;
            for (Future<Boolean> r : results) {
                hashed += r.get() ? 1 : 0;
            }
            assertTrue(hashed >= 1 && hashed < callers, hashed + " of " + callers + " hashed");
        } finally {
            pool.shutdown();
        }
    }

    private static String pad(String base64) {
        return base64 + "=".repeat((4 - base64.length() % 4) % 4);
    }
}
