package io.buildfactory.persistence.system;

import io.buildfactory.application.system.port.out.DatabaseStatus;
import io.buildfactory.persistence.Database;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.impl.DSL;

/**
 * Answers readiness probes cheaply: the shipped migration versions are read once; each probe is one small
 * query against Flyway's history table.
 */
public final class SchemaStatus implements DatabaseStatus {

    private final Database database;
    private final Supplier<List<String>> shippedVersions;
    private volatile List<String> knownShipped;

    /**
     * @param shippedVersions the versions this build ships; asked for on the first probe that reaches the
     *                        database (Flyway needs a connection to list them), then kept
     */
    public SchemaStatus(Database database, Supplier<List<String>> shippedVersions) {
        this.database = database;
        this.shippedVersions = shippedVersions;
    }

    @Override
    public Report probe() {
        String vendor = database.vendor().displayName();
        List<String> shipped;
        try {
            database.dsl().selectOne().fetch();
            shipped = shipped();
        } catch (RuntimeException e) {
            return new Report(
                    false,
                    vendor,
                    "none",
                    List.of(),
                    "database unreachable: " + e.getClass().getSimpleName());
        }
        Set<String> applied = applied();
        List<String> pending =
                shipped.stream().filter(v -> !applied.contains(v)).toList();
        String current =
                shipped.stream().filter(applied::contains).reduce((a, b) -> b).orElse("none");
        return new Report(true, vendor, current, pending, null);
    }

    private List<String> shipped() {
        List<String> known = knownShipped;
        if (known == null) {
            known = List.copyOf(shippedVersions.get());
            knownShipped = known;
        }
        return known;
    }

    private Set<String> applied() {
        try {
            return database.dsl()
                    .select(DSL.field(DSL.name("version"), String.class))
                    .from(DSL.table(DSL.name("flyway_schema_history")))
                    .where(DSL.field(DSL.name("success"), Boolean.class).isTrue())
                    .and(DSL.field(DSL.name("version")).isNotNull())
                    .fetchSet(0, String.class);
        } catch (RuntimeException e) {
            return Set.of(); // no history table: nothing applied yet
        }
    }
}
