package io.buildfactory.persistence.copy;

import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.DefaultSchema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * The tables a copy carries, read from the schema itself (jOOQ's catalogue, generated from the migrations), parents
 * before the tables whose foreign keys point at them: a table a later migration adds is copied without anyone
 * touching the copy.
 */
public final class CopiedTables {

    private CopiedTables() {}

    /** The one table a copy leaves out: it records the copies made into a database, not what the source holds. */
    public static final String COPIES = "database_copies";

    /** Tables the migrations themselves fill (the built-in roles and permissions): a fresh database has rows here. */
    public static final Set<String> SEEDED_BY_MIGRATIONS = Set.of("roles", "permissions", "role_permissions");

    /**
     * Every table of the schema but {@link #COPIES}, each after every table it references in {@code database}. The
     * references are the database's own (its metadata), not the catalogue's: jOOQ's SQLite reader misses foreign
     * keys that SQLite keeps on tables rebuilt by later migrations, and the ones that matter are those the target
     * enforces as each row lands.
     */
    public static List<Table<?>> inForeignKeyOrder(Database database) {
        List<Table<?>> tables = DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .filter(t -> !t.getName().equals(COPIES))
                .toList();
        Map<String, Set<String>> parents = new TreeMap<>();
        try (Connection c = database.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (Table<?> table : tables) {
                Set<String> referenced = new TreeSet<>();
                try (ResultSet keys = meta.getImportedKeys(null, c.getSchema(), table.getName())) {
                    while (keys.next()) {
                        referenced.add(keys.getString("PKTABLE_NAME"));
                    }
                }
                parents.put(table.getName(), referenced);
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the foreign keys of " + database.location(), e);
        }
        return order(tables, parents);
    }

    /**
     * {@code tables} each after its {@code parents}, otherwise by name (so the order is the same on every run). A
     * table that references itself or a cycle of tables cannot be copied table by table with every foreign key
     * checked as it lands: refused, naming them, so the migration that brings one brings its handling too.
     */
    static List<Table<?>> order(List<Table<?>> tables, Map<String, Set<String>> parents) {
        Map<String, Table<?>> byName = new TreeMap<>();
        tables.forEach(t -> byName.put(t.getName(), t));
        Set<String> placed = new LinkedHashSet<>();
        List<Table<?>> ordered = new ArrayList<>();
        while (ordered.size() < byName.size()) {
            Table<?> next = byName.values().stream()
                    .filter(t -> !placed.contains(t.getName()))
                    .filter(t -> parents.getOrDefault(t.getName(), Set.of()).stream()
                            .filter(byName::containsKey)
                            .allMatch(placed::contains))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("these tables reference each other (or themselves), "
                            + "which a copy table by table cannot order: "
                            + byName.keySet().stream()
                                    .filter(name -> !placed.contains(name))
                                    .toList()));
            placed.add(next.getName());
            ordered.add(next);
        }
        return List.copyOf(ordered);
    }
}
