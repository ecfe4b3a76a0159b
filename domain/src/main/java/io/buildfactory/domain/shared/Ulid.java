package io.buildfactory.domain.shared;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * A ULID: 48 bits of milliseconds and 80 random bits, written as 26 characters of Crockford base32.
 * Sorting the text sorts by creation time, which keyset pagination relies on.
 */
public record Ulid(String value) implements Comparable<Ulid> {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 26;

    public Ulid {
        if (!isValid(value)) {
            throw new IllegalArgumentException(
                    "not a ULID (26 characters of Crockford base32, upper case): " + Text.quote(value));
        }
    }

    /** Parses client input: a bad value is an {@link InvalidInputException} naming the field. */
    public static Ulid parse(String field, String text) {
        if (!isValid(text)) {
            throw new InvalidInputException(field, "must be a ULID (26 characters of Crockford base32)");
        }
        return new Ulid(text);
    }

    public static boolean isValid(String text) {
        if (text == null || text.length() != LENGTH || text.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    public static Ulid generate(Instant time, RandomGenerator random) {
        return of(time, random.nextLong() >>> 24, random.nextLong() >>> 24);
    }

    /** The ULID of {@code time} whose 80 random bits are {@code high} and {@code low}, 40 bits each. */
    static Ulid of(Instant time, long high, long low) {
        long millis = time.toEpochMilli();
        if (millis < 0 || millis >= (1L << 48)) {
            throw new IllegalArgumentException("time outside the ULID range: " + time);
        }
        char[] chars = new char[LENGTH];
        for (int i = 9; i >= 0; i--) {
            chars[i] = ALPHABET.charAt((int) (millis & 31));
            millis >>>= 5;
        }
        for (int i = 17; i >= 10; i--) {
            chars[i] = ALPHABET.charAt((int) (high & 31));
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            chars[i] = ALPHABET.charAt((int) (low & 31));
            low >>>= 5;
        }
        return new Ulid(new String(chars));
    }

    public Instant timestamp() {
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = (millis << 5) | ALPHABET.indexOf(value.charAt(i));
        }
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public int compareTo(Ulid other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
