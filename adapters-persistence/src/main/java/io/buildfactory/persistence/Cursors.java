package io.buildfactory.persistence;

import io.buildfactory.domain.shared.InvalidInputException;

/** Cursors handed out by keyset pagination, read back. */
public final class Cursors {

    private Cursors() {}

    /** A cursor that is a sequence number. */
    public static long sequence(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "is not a cursor this list handed out");
        }
    }
}
