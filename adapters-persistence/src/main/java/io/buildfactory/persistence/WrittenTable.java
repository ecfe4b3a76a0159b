package io.buildfactory.persistence;

import java.util.Locale;

/** The table a write statement changes, read from its SQL: {@code insert into t}, {@code update t}, … */
final class WrittenTable {

    private static final String[] WRITES = {"insert into ", "update ", "delete from ", "merge into ", "insert or "};

    private WrittenTable() {}

    /** The table's name in lower case, unquoted and without its schema; null for a statement that writes none. */
    static String of(String sql) {
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        for (String write : WRITES) {
            if (sql.regionMatches(true, start, write, 0, write.length())) {
                int from = start + write.length();
                if (write.equals("insert or ")) { // SQLite's insert or replace/ignore into t
                    int into = sql.toLowerCase(Locale.ROOT).indexOf(" into ", from - 1);
                    if (into < 0) {
                        return null;
                    }
                    from = into + " into ".length();
                }
                return name(sql, from);
            }
        }
        return null;
    }

    private static String name(String sql, int from) {
        int end = from;
        while (end < sql.length()) {
            char c = sql.charAt(end);
            if (Character.isWhitespace(c) || c == '(' || c == ',') {
                break;
            }
            end++;
        }
        String name = sql.substring(from, end).replace("\"", "").replace("`", "");
        int dot = name.lastIndexOf('.');
        return (dot < 0 ? name : name.substring(dot + 1)).toLowerCase(Locale.ROOT);
    }
}
