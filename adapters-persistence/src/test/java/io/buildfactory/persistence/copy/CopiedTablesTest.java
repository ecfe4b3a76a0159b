package io.buildfactory.persistence.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.persistence.schema.SchemaParityTest;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * The copy covers the schema as each database has it, not as someone listed it: every table the migrations make
 * is copied (but the copies' own record and SQLite's full-text index, which PostgreSQL computes itself), and every
 * foreign key the database enforces points at a table copied before it.
 */
class CopiedTablesTest extends OnBothEngines {

    static final Set<String> NOT_COPIED = notCopied();

    private static Set<String> notCopied() {
        Set<String> tables = new TreeSet<>(SchemaParityTest.FULL_TEXT_TABLES);
        tables.add("flyway_schema_history");
        tables.add(CopiedTables.COPIES);
        return tables;
    }

    @Test
    void every_table_of_the_migrated_schema_is_copied() throws SQLException {
        Set<String> copied = new TreeSet<>(names(CopiedTables.inForeignKeyOrder(db.database())));
        Set<String> expected = new TreeSet<>(tablesInDatabase());
        expected.removeAll(NOT_COPIED);
        assertEquals(expected, copied);
    }

    @Test
    void every_foreign_key_points_at_a_table_copied_before_it() throws SQLException {
        List<String> order = names(CopiedTables.inForeignKeyOrder(db.database()));
        List<String> problems = new ArrayList<>();
        int keys = 0;
        try (Connection c = db.rawConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String table : order) {
                try (ResultSet fk = meta.getImportedKeys(null, c.getSchema(), table)) {
                    while (fk.next()) {
                        keys++;
                        String parent = fk.getString("PKTABLE_NAME");
                        if (order.indexOf(parent) < 0 || order.indexOf(parent) > order.indexOf(table)) {
                            problems.add(table + " references " + parent + ", copied after it");
                        }
                    }
                }
            }
        }
        assertTrue(keys > 50, "the database reports its foreign keys: " + keys);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void the_migrations_seed_exactly_the_tables_a_copy_may_find_filled_on_a_fresh_target() throws SQLException {
        Set<String> filled = new TreeSet<>();
        for (Table<?> table : CopiedTables.inForeignKeyOrder(db.database())) {
            if (db.database().dsl().fetchCount(table) > 0) {
                filled.add(table.getName());
            }
        }
        assertEquals(new TreeSet<>(CopiedTables.SEEDED_BY_MIGRATIONS), filled);
    }

    @Test
    void tables_that_reference_each_other_are_refused_by_name() {
        Table<?> a = org.jooq.impl.DSL.table("a");
        Table<?> b = org.jooq.impl.DSL.table("b");
        Table<?> c = org.jooq.impl.DSL.table("c");
        assertEquals(
                List.of("c", "b", "a"),
                names(CopiedTables.order(List.of(a, b, c), Map.of("a", Set.of("b"), "b", Set.of("c")))));
        var refused = assertThrows(
                IllegalStateException.class,
                () -> CopiedTables.order(List.of(a, b, c), Map.of("a", Set.of("b"), "b", Set.of("a"))));
        assertTrue(refused.getMessage().contains("[a, b]"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> CopiedTables.order(List.of(c), Map.of("c", Set.of("c"))));
    }

    private List<String> tablesInDatabase() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.rawConnection();
                ResultSet r = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (r.next()) {
                tables.add(r.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static List<String> names(List<Table<?>> tables) {
        return tables.stream().map(Table::getName).toList();
    }
}
