package io.buildfactory.persistence;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Query conditions that must behave, and use indexes, the same way on both databases. */
public final class Conditions {

    private Conditions() {}

    /**
     * {@code field} starts with {@code prefix}, written as a range ({@code >= prefix and < prefix+1}) rather than
     * LIKE: SQLite uses no index for a LIKE pattern built from a parameter, and both databases compare these
     * columns byte-wise, so the range is exact.
     */
    public static Condition startsWith(Field<String> field, String prefix) {
        if (prefix.isEmpty()) {
            return DSL.noCondition();
        }
        char last = prefix.charAt(prefix.length() - 1);
        if (last == Character.MAX_VALUE) {
            return field.ge(prefix);
        }
        String upperBound = prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
        return field.ge(prefix).and(field.lt(upperBound));
    }
}
