package io.buildfactory.persistence.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Both vendors' migrations must build the same schema: the jOOQ code is generated from SQLite's alone. */
public class SchemaParityTest {

    static final Set<String> JSON_COLUMNS = Set.of(
            "payload",
            "details",
            "profile",
            "result",
            "done_criteria",
            "last_validation",
            "snapshot",
            "response",
            "findings",
            "required_checks",
            "allowed_paths",
            "forbidden_paths",
            "input_snapshot",
            "files",
            "offending_paths",
            "scopes",
            "hits");

    /**
     * Each engine's own full-text machinery, the one intended difference: SQLite's FTS5 table (and the tables FTS5
     * keeps behind it), PostgreSQL's generated tsvector column and its GIN index. {@code MemorySearchParityTest}
     * holds them to the same answers.
     */
    public static final Set<String> FULL_TEXT_TABLES = Set.of(
            "memory_units_fts",
            "memory_units_fts_config",
            "memory_units_fts_content",
            "memory_units_fts_data",
            "memory_units_fts_docsize",
            "memory_units_fts_idx",
            "memory_units_fts_keys");

    static final String FULL_TEXT_COLUMN = "search_vector";
    static final String FULL_TEXT_INDEX = "memory_units_search_idx";

    record Column(String name, String type, boolean nullable) {}

    record ForeignKey(List<String> columns, String table, List<String> referenced, String onDelete) {}

    record Index(boolean unique, List<String> columns) {}

    record Table(
            List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys, Map<String, Index> indexes) {}

    @Test
    void sqlite_and_postgresql_have_the_same_tables_columns_keys_and_indexes() throws SQLException {
        SortedMap<String, Table> sqlite;
        SortedMap<String, Table> postgres;
        try (TestDatabase db = TestDatabase.migrated(Engine.SQLITE);
                Connection c = db.rawConnection()) {
            sqlite = describe(c, null, Engine.SQLITE);
        }
        try (TestDatabase db = TestDatabase.migrated(Engine.POSTGRESQL);
                Connection c = db.rawConnection()) {
            postgres = describe(c, c.getSchema(), Engine.POSTGRESQL);
        }
        assertTrue(
                sqlite.keySet()
                        .containsAll(List.of(
                                "users",
                                "identity_links",
                                "sessions",
                                "roles",
                                "permissions",
                                "exchange_records",
                                "jobs",
                                "audit_events",
                                "telemetry_events")),
                "the seed's tables: " + sqlite.keySet());
        assertEquals(sqlite.keySet(), postgres.keySet(), "tables");
        for (String table : sqlite.keySet()) {
            assertEquals(sqlite.get(table).columns(), postgres.get(table).columns(), table + " columns");
            assertEquals(sqlite.get(table).primaryKey(), postgres.get(table).primaryKey(), table + " primary key");
            assertEquals(sqlite.get(table).foreignKeys(), postgres.get(table).foreignKeys(), table + " foreign keys");
            assertEquals(sqlite.get(table).indexes(), postgres.get(table).indexes(), table + " indexes");
        }
    }

    private static SortedMap<String, Table> describe(Connection c, String schema, Engine engine) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        SortedMap<String, Table> tables = new TreeMap<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!name.startsWith("sqlite_")
                        && !name.equals("flyway_schema_history")
                        && !FULL_TEXT_TABLES.contains(name)) {
                    tables.put(name, null);
                }
            }
        }
        for (String table : tables.keySet()) {
            tables.put(
                    table,
                    new Table(
                            columns(meta, schema, table, engine),
                            primaryKey(meta, schema, table),
                            foreignKeys(meta, schema, table),
                            indexes(meta, schema, table)));
        }
        return tables;
    }

    private static List<Column> columns(DatabaseMetaData meta, String schema, String table, Engine engine)
            throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                if (name.equals(FULL_TEXT_COLUMN)) {
                    continue;
                }
                columns.add(new Column(
                        name,
                        typeFamily(name, rs.getString("TYPE_NAME"), engine),
                        "YES".equals(rs.getString("IS_NULLABLE"))));
            }
        }
        return columns;
    }

    /** The portable type a column stands for: SQLite keeps timestamps and JSON as TEXT, by naming convention. */
    private static String typeFamily(String column, String type, Engine engine) {
        String t = type.toLowerCase(Locale.ROOT);
        if (engine == Engine.SQLITE && t.equals("text")) {
            return column.endsWith("_at") ? "timestamp" : JSON_COLUMNS.contains(column) ? "json" : "text";
        }
        return switch (t) {
            case "int8", "bigint" -> "bigint";
            case "int4", "integer" -> "integer";
            case "bool", "boolean" -> "boolean";
            case "timestamptz" -> "timestamp";
            case "jsonb" -> "json";
            default -> t;
        };
    }

    private static List<String> primaryKey(DatabaseMetaData meta, String schema, String table) throws SQLException {
        TreeMap<Integer, String> key = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
            while (rs.next()) {
                key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(key.values());
    }

    /** One entry per referencing column: enough for our single-column keys, and equal on both sides for any. */
    private static List<ForeignKey> foreignKeys(DatabaseMetaData meta, String schema, String table)
            throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
            while (rs.next()) {
                keys.add(new ForeignKey(
                        List.of(rs.getString("FKCOLUMN_NAME")),
                        rs.getString("PKTABLE_NAME"),
                        List.of(rs.getString("PKCOLUMN_NAME")),
                        deleteRule(rs.getShort("DELETE_RULE"))));
            }
        }
        keys.sort(java.util.Comparator.comparing(k -> k.columns().toString()));
        return keys;
    }

    private static String deleteRule(short rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> "cascade";
            case DatabaseMetaData.importedKeySetNull -> "set null";
            case DatabaseMetaData.importedKeyRestrict -> "restrict";
            case DatabaseMetaData.importedKeySetDefault -> "set default";
            default -> "no action";
        };
    }

    private static Map<String, Index> indexes(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Map<String, TreeMap<Integer, String>> columns = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name == null
                        || name.startsWith("sqlite_autoindex_")
                        || name.endsWith("_pkey")
                        || name.equals(FULL_TEXT_INDEX)) {
                    continue; // primary keys are compared on their own
                }
                unique.put(name, !rs.getBoolean("NON_UNIQUE"));
                columns.computeIfAbsent(name, k -> new TreeMap<>())
                        .put((int) rs.getShort("ORDINAL_POSITION"), rs.getString("COLUMN_NAME"));
            }
        }
        Map<String, Index> indexes = new TreeMap<>();
        columns.forEach((name, cols) -> indexes.put(name, new Index(unique.get(name), List.copyOf(cols.values()))));
        return indexes;
    }
}
