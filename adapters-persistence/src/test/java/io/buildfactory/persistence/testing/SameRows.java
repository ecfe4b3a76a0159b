package io.buildfactory.persistence.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.persistence.Database;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Compares tables of two databases value by value, as jOOQ reads them typed on each: what a copy must preserve.
 * Written apart from the copy's own verification (which compares canonical bytes), so that a fault in one does
 * not hide a fault in the other.
 */
public final class SameRows {

    private SameRows() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each difference between {@code a} and {@code b} in {@code tables}, said; empty when they hold the same rows. */
    public static List<String> differences(Database a, Database b, List<Table<?>> tables) {
        List<String> differences = new ArrayList<>();
        for (Table<?> table : tables) {
            List<Record> left = sorted(a, table);
            List<Record> right = sorted(b, table);
            if (left.size() != right.size()) {
                differences.add(table.getName() + ": " + left.size() + " rows, then " + right.size());
                continue;
            }
            for (int i = 0; i < left.size(); i++) {
                for (Field<?> field : table.fields()) {
                    Object x = left.get(i).get(field);
                    Object y = right.get(i).get(field);
                    boolean same = x instanceof JSONB jx && y instanceof JSONB jy
                            ? sameJson(jx.data(), jy.data())
                            : Objects.equals(x, y);
                    if (!same) {
                        differences.add(table.getName() + " " + key(table, left.get(i)) + " " + field.getName() + ": "
                                + abbreviated(x) + " became " + abbreviated(y));
                    }
                }
            }
        }
        return differences;
    }

    private static List<Record> sorted(Database db, Table<?> table) {
        List<Record> rows = new ArrayList<>(db.dsl().selectFrom(table).fetch());
        rows.sort(Comparator.comparing(row -> key(table, row)));
        return rows;
    }

    private static String key(Table<?> table, Record row) {
        return table.getPrimaryKey().getFields().stream()
                .map(f -> String.valueOf(row.get(f)))
                .collect(Collectors.joining("/"));
    }

    private static String abbreviated(Object value) {
        String text = String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    /** Equal as JSON: the same members and elements, numbers by value (jsonb spells 1e2 as 100). */
    public static boolean sameJson(String a, String b) {
        try {
            JsonNode left = JSON.readTree(a);
            JsonNode right = JSON.readTree(b);
            return left.equals(
                    (x, y) -> x.isNumber() && y.isNumber()
                            ? x.decimalValue().compareTo(y.decimalValue())
                            : x.equals(y) ? 0 : 1,
                    right);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
