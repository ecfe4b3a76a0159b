package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/**
 * A position among siblings (workflows, activities, cards, knowledge items) as a fractional index: a string that
 * sorts between its neighbours, so moving one item writes one row instead of renumbering its siblings, and two
 * concurrent moves never need the same number. Digits are {@code 0-9A-Za-z}, which sort the same byte by byte
 * in SQLite and in PostgreSQL under {@code COLLATE "C"}; a rank never ends in {@code 0}, so there is always room
 * between two ranks. The midpoint follows the fractional-indexing scheme Figma and Linear describe.
 */
public record Rank(String value) implements Comparable<Rank> {

    static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int BASE = DIGITS.length();
    public static final int MAX_LENGTH = 200;

    public Rank {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new InvalidInputException("rank", "must be 1-" + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (DIGITS.indexOf(value.charAt(i)) < 0) {
                throw new InvalidInputException("rank", "must use only the digits 0-9, A-Z and a-z");
            }
        }
        if (value.charAt(value.length() - 1) == '0') {
            throw new InvalidInputException("rank", "must not end in 0");
        }
    }

    /** The rank of the first item in an empty list. */
    public static Rank first() {
        return between(Optional.empty(), Optional.empty());
    }

    /** A rank after every rank that exists: for appending. */
    public static Rank after(Rank last) {
        return between(Optional.of(last), Optional.empty());
    }

    /** A rank before every rank that exists: for prepending. */
    public static Rank before(Rank first) {
        return between(Optional.empty(), Optional.of(first));
    }

    /** A rank strictly between {@code lower} and {@code upper} (either end open when empty). */
    public static Rank between(Optional<Rank> lower, Optional<Rank> upper) {
        if (lower.isPresent() && upper.isPresent() && lower.get().compareTo(upper.get()) >= 0) {
            throw new IllegalArgumentException(lower.get() + " is not below " + upper.get());
        }
        return new Rank(midpoint(
                lower.map(Rank::value).orElse(""), upper.map(Rank::value).orElse(null)));
    }

    /**
     * {@code count} ranks in order, evenly spread and all of {@code length} digits (or the fewest digits that
     * leave a gap between any two when {@code length} is 0): for respacing siblings whose ranks grew long.
     */
    public static java.util.List<Rank> spread(int count, int length) {
        int digits = Math.max(length, 1);
        while (length == 0 && Math.pow(BASE, digits) < 2.0 * (count + 1)) {
            digits++;
        }
        java.math.BigInteger span = java.math.BigInteger.valueOf(BASE).pow(digits);
        java.math.BigInteger step = span.divide(java.math.BigInteger.valueOf(count + 1L));
        if (step.compareTo(java.math.BigInteger.TWO) < 0) {
            throw new IllegalArgumentException(count + " ranks do not fit in " + digits + " digits");
        }
        java.util.List<Rank> ranks = new java.util.ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            java.math.BigInteger n = step.multiply(java.math.BigInteger.valueOf(i));
            if (n.mod(java.math.BigInteger.valueOf(BASE)).signum() == 0) {
                n = n.add(java.math.BigInteger.ONE); // never ends in 0; the step of two or more keeps the order
            }
            StringBuilder text = new StringBuilder();
            for (int d = 0; d < digits; d++) {
                text.append(
                        DIGITS.charAt(n.mod(java.math.BigInteger.valueOf(BASE)).intValue()));
                n = n.divide(java.math.BigInteger.valueOf(BASE));
            }
            ranks.add(new Rank(text.reverse().toString()));
        }
        return ranks;
    }

    /** The midpoint of {@code a} and {@code b} ({@code b} null for no upper bound); a < result < b. */
    private static String midpoint(String a, String b) {
        if (b != null) {
            int n = 0; // the common prefix, reading a as padded with 0
            while (n < b.length() && (n < a.length() ? a.charAt(n) : '0') == b.charAt(n)) {
                n++;
            }
            if (n > 0) {
                return b.substring(0, n) + midpoint(a.length() > n ? a.substring(n) : "", b.substring(n));
            }
        }
        int low = a.isEmpty() ? 0 : DIGITS.indexOf(a.charAt(0));
        int high = b == null ? BASE : DIGITS.indexOf(b.charAt(0));
        if (high - low > 1) {
            return String.valueOf(DIGITS.charAt((low + high) / 2));
        }
        if (b != null && b.length() > 1) {
            return b.substring(0, 1); // b's first digit alone sorts below b and, as high = low + 1, above a
        }
        return DIGITS.charAt(low) + midpoint(a.isEmpty() ? "" : a.substring(1), null);
    }

    @Override
    public int compareTo(Rank other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
