package io.buildfactory.persistence.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AesGcmContentSealerTest {

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return key;
    }

    final AesGcmContentSealer sealer = new AesGcmContentSealer(key(1), new SecureRandom());

    @Test
    void a_sealed_value_opens_in_its_own_exchange_and_hides_the_value_in_the_token() {
        String token = sealer.seal("AKIAIOSFODNN7EXAMPLE", "exchange-1");
        assertFalse(token.contains("AKIA"), token);
        assertEquals(Optional.of("AKIAIOSFODNN7EXAMPLE"), sealer.open(token, "exchange-1"));
    }

    @Test
    void the_same_value_sealed_twice_gives_different_tokens() {
        assertNotEquals(sealer.seal("secret", "x"), sealer.seal("secret", "x"));
    }

    @Test
    void a_token_copied_into_another_exchange_does_not_open() {
        String token = sealer.seal("secret", "exchange-1");
        assertEquals(Optional.empty(), sealer.open(token, "exchange-2"));
    }

    @Test
    void another_key_a_flipped_bit_or_garbage_opens_nothing() {
        String token = sealer.seal("secret", "x");
        assertEquals(Optional.empty(), new AesGcmContentSealer(key(2), new SecureRandom()).open(token, "x"));
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[raw.length - 1] ^= 1;
        assertEquals(
                Optional.empty(),
                sealer.open(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), "x"));
        assertEquals(Optional.empty(), sealer.open("not base64 !", "x"));
        assertEquals(Optional.empty(), sealer.open("AQ", "x"));
    }

    @Test
    void unicode_and_empty_values_round_trip() {
        for (String value : new String[] {"", "пароль 🔑", "a".repeat(100_000)}) {
            assertEquals(Optional.of(value), sealer.open(sealer.seal(value, "x"), "x"));
        }
    }

    @Test
    void a_key_that_is_not_256_bits_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new AesGcmContentSealer(new byte[16], new SecureRandom()));
    }
}
