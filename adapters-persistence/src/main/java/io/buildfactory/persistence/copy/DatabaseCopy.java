package io.buildfactory.persistence.copy;

import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.Migrations;
import io.buildfactory.persistence.Vendor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.exception.DataAccessException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Copies one database into another, every table of the schema, and proves the copy equal before calling it done.
 * The source is read in one snapshot (the server may keep serving it); the target, a PostgreSQL database, is
 * migrated to the same schema, emptied, marked as being copied into (a mark the server refuses to start on), filled
 * table by table with {@code COPY}, parents first, and then read back and compared row by row with the snapshot.
 * Only {@link #markComplete} takes the mark away, once the caller's own checks (the audit chain) pass too.
 */
public final class DatabaseCopy {

    /** What a copy reports as it goes: a terminal draws a progress bar from it, a log prints lines. */
    public interface Listener {
        /** The target holds data the copy will remove (only with {@code force}). */
        default void emptying(Map<String, Long> rowsByTable) {}

        /** The snapshot is open: these tables, in this order, with these rows. */
        default void planned(Map<String, Long> rowsByTable) {}

        default void copying(String table, long copied, long total, Duration elapsed) {}

        default void copied(String table, long rows, Duration took) {}

        default void verified(String table, long rows, String checksum) {}
    }

    /** One table's rows and the checksum of their canonical rendering, in key order. */
    public record TableReport(String table, long rows, String checksum) {}

    /** The first difference found between source and target: the table and the key of the first differing row. */
    public record Mismatch(String table, String key, String what) {
        @Override
        public String toString() {
            return table + " differs at " + key + ": " + what;
        }
    }

    /** @param id the copy's record in the target's {@code database_copies} */
    public record Report(
            String id,
            List<TableReport> tables,
            long rows,
            Duration copying,
            Duration verifying,
            Optional<Mismatch> mismatch) {
        public boolean equal() {
            return mismatch.isEmpty();
        }
    }

    /** Why a copy did not begin: the target or the source is not fit for it. Nothing was changed. */
    public static final class CopyRefused extends RuntimeException {
        CopyRefused(String message) {
            super(message);
        }
    }

    /** Rows sent to PostgreSQL at a time, as one message of the copy stream. */
    static final int COPY_CHUNK_CHARS = 1 << 20;

    /** Rows fetched from the source at a time. */
    static final int FETCH_SIZE = 5_000;

    private final Database source;
    private final Database target;
    private final Clock clock;
    private final IdGenerator ids;

    public DatabaseCopy(Database source, Database target, Clock clock, IdGenerator ids) {
        this.source = source;
        this.target = target;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Copies and verifies. @param force empty a target that already holds data (it is listed to the listener
     * first) @return the report, equal or naming the first difference
     * @throws CopyRefused when the target holds data and {@code force} is not set, or the schemas cannot match
     */
    public Report run(boolean force, Listener listener) {
        requireFit();
        Migrations.of(target).migrate(Optional.empty());
        List<Table<?>> tables = CopiedTables.inForeignKeyOrder(target);
        Map<String, Long> held = heldByTarget(tables);
        var incomplete = DatabaseCopies.unfinished(target.dsl());
        if (!held.isEmpty() || incomplete.isPresent()) {
            if (!force) {
                throw new CopyRefused("the target " + target.location() + " is not empty ("
                        + incomplete
                                .map(c -> "an incomplete copy of " + c.source() + " started " + c.startedAt())
                                .orElseGet(() -> describe(held))
                        + "); rerun with --force to empty it and copy again");
            }
            listener.emptying(held);
        }
        String id = ids.next().toString();
        try (Database.Snapshot snapshot = source.snapshot()) {
            Map<String, Long> planned = new LinkedHashMap<>();
            for (Table<?> table : tables) {
                planned.put(table.getName(), (long) snapshot.dsl().fetchCount(table));
            }
            listener.planned(planned);
            emptyAndMark(tables, id);
            long started = System.nanoTime();
            long rows = 0;
            for (Table<?> table : tables) {
                rows += copyTable(snapshot.dsl(), table, planned.get(table.getName()), listener);
            }
            Duration copying = Duration.ofNanos(System.nanoTime() - started);
            started = System.nanoTime();
            List<TableReport> reports = new ArrayList<>();
            Optional<Mismatch> mismatch = Optional.empty();
            try (Database.Snapshot copied = target.snapshot()) {
                for (Table<?> table : tables) {
                    Comparison c = compare(table, snapshot.dsl(), copied.dsl());
                    if (c.mismatch.isPresent()) {
                        mismatch = c.mismatch;
                        break;
                    }
                    reports.add(c.report);
                    listener.verified(table.getName(), c.report.rows(), c.report.checksum());
                }
            }
            return new Report(
                    id, List.copyOf(reports), rows, copying, Duration.ofNanos(System.nanoTime() - started), mismatch);
        }
    }

    /** Takes away the mark that makes the server refuse the target: the copy is equal and checked. */
    public void markComplete(Report report) {
        if (!report.equal()) {
            throw new IllegalArgumentException("a copy that differs from its source is not complete");
        }
        target.transaction(() -> {
            DatabaseCopies.finish(target.dsl(), report.id(), report.rows(), clock.instant());
            return null;
        });
    }

    private void requireFit() {
        if (target.vendor() != Vendor.POSTGRESQL) {
            throw new CopyRefused("the target must be a PostgreSQL database (jdbc:postgresql:… or postgres://…)");
        }
        if (source.vendor() == target.vendor() && source.location().equals(target.location())) {
            throw new CopyRefused("the target is the source itself");
        }
        Migrations schema = Migrations.of(source);
        List<String> shipped = schema.available();
        String latest = shipped.getLast();
        String at = schema.info().stream()
                .filter(s -> s.appliedAt().isPresent() && !s.version().isEmpty())
                .map(Migrations.Status::version)
                .reduce((a, b) -> b)
                .orElse("none");
        if (!at.equals(latest)) {
            throw new CopyRefused("the source " + source.location() + " is at schema version " + at + ", this build's"
                    + " is " + latest + ": migrate it first (`build-factory db migrate`, or start the server once)");
        }
    }

    /** Rows the target holds beyond what its own migrations put there, by table. */
    private Map<String, Long> heldByTarget(List<Table<?>> tables) {
        Map<String, Long> held = new LinkedHashMap<>();
        for (Table<?> table : tables) {
            if (!CopiedTables.SEEDED_BY_MIGRATIONS.contains(table.getName())) {
                long rows = target.dsl().fetchCount(table);
                if (rows > 0) {
                    held.put(table.getName(), rows);
                }
            }
        }
        return held;
    }

    private static String describe(Map<String, Long> rowsByTable) {
        return rowsByTable.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue() + " rows")
                .collect(Collectors.joining(", "));
    }

    /**
     * One transaction: the target's tables emptied (their own triggers, such as the audit log's refusal of
     * {@code TRUNCATE}, set aside for it) and the copy recorded as begun, so that from its commit on the target
     * is either being filled or known to be incomplete.
     */
    private void emptyAndMark(List<Table<?>> tables, String id) {
        target.transaction(() -> {
            DSLContext dsl = target.dsl();
            String all = tables.stream().map(Table::getName).collect(Collectors.joining(", "));
            tables.forEach(t -> dsl.execute("alter table " + t.getName() + " disable trigger user"));
            dsl.execute("truncate table " + all);
            tables.forEach(t -> dsl.execute("alter table " + t.getName() + " enable trigger user"));
            DatabaseCopies.begin(dsl, id, source.location(), clock.instant());
            return null;
        });
    }

    /**
     * One table in one transaction: its rows streamed from the snapshot into {@code COPY … FROM STDIN}. Its own
     * triggers are off meanwhile (the rows are history, not new changes to announce); foreign keys stay checked.
     */
    private long copyTable(DSLContext from, Table<?> table, long total, Listener listener) {
        String name = table.getName();
        String columns = Arrays.stream(table.fields()).map(Field::getName).collect(Collectors.joining(", "));
        long started = System.nanoTime();
        long rows = 0;
        try (Connection c = target.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                try (var statement = c.createStatement()) {
                    statement.execute("alter table " + name + " disable trigger user");
                }
                CopyIn copy = c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("copy " + name + " (" + columns + ") from stdin");
                StringBuilder chunk = new StringBuilder(COPY_CHUNK_CHARS + 4096);
                try (Cursor<? extends Record> cursor =
                        from.selectFrom(table).fetchSize(FETCH_SIZE).fetchLazy()) {
                    for (Record row : cursor) {
                        RowText.appendCopyLine(chunk, row);
                        rows++;
                        if (chunk.length() >= COPY_CHUNK_CHARS) {
                            send(copy, chunk);
                            listener.copying(name, rows, total, Duration.ofNanos(System.nanoTime() - started));
                        }
                    }
                    send(copy, chunk);
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                try (var statement = c.createStatement()) {
                    statement.execute("alter table " + name + " enable trigger user");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("copying " + name + " failed: " + e.getMessage(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        listener.copying(name, rows, total, took);
        listener.copied(name, rows, took);
        return rows;
    }

    private static void send(CopyIn copy, StringBuilder chunk) throws SQLException {
        if (chunk.isEmpty()) {
            return;
        }
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    private record Comparison(TableReport report, Optional<Mismatch> mismatch) {}

    /** Reads the table on both sides in key order (bytewise) and compares them row by row. */
    private Comparison compare(Table<?> table, DSLContext from, DSLContext to) {
        MessageDigest digest = sha256();
        ByteArrayOutputStream left = new ByteArrayOutputStream(512);
        ByteArrayOutputStream right = new ByteArrayOutputStream(512);
        long rows = 0;
        try (Cursor<? extends Record> a = inKeyOrder(from, source, table);
                Cursor<? extends Record> b = inKeyOrder(to, target, table)) {
            while (true) {
                Record s = a.fetchNext();
                Record t = b.fetchNext();
                if (s == null && t == null) {
                    break;
                }
                if (s == null || t == null) {
                    Record extra = s == null ? t : s;
                    return mismatch(table, extra, s == null ? "only the target holds this row" : "the target lacks it");
                }
                byte[] sourceBytes = RowText.canonical(s, left);
                if (!Arrays.equals(sourceBytes, RowText.canonical(t, right))) {
                    return mismatch(table, s, "the row differs: " + differingColumns(s, t, left, right));
                }
                digest.update(sourceBytes);
                rows++;
            }
        }
        return new Comparison(
                new TableReport(table.getName(), rows, HexFormat.of().formatHex(digest.digest())), Optional.empty());
    }

    private static Cursor<? extends Record> inKeyOrder(DSLContext dsl, Database vendor, Table<?> table) {
        List<? extends Field<?>> key = Optional.ofNullable(table.getPrimaryKey())
                .map(UniqueKey::getFields)
                .<List<? extends Field<?>>>map(List::copyOf)
                .orElseGet(() -> List.of(table.fields()));
        return dsl.selectFrom(table)
                .orderBy(key.stream()
                        .map(f -> vendor.dialect().bytewiseAscending(f))
                        .toList())
                .fetchSize(FETCH_SIZE)
                .fetchLazy();
    }

    private static Comparison mismatch(Table<?> table, Record row, String what) {
        return new Comparison(null, Optional.of(new Mismatch(table.getName(), keyOf(table, row), what)));
    }

    private static String keyOf(Table<?> table, Record row) {
        List<? extends Field<?>> key = table.getPrimaryKey() == null
                ? List.of(table.fields())
                : table.getPrimaryKey().getFields();
        return key.stream().map(f -> f.getName() + "=" + row.get(f.getName())).collect(Collectors.joining(", "));
    }

    private static String differingColumns(
            Record s, Record t, ByteArrayOutputStream left, ByteArrayOutputStream right) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            byte[] a = RowText.canonical(s.into(s.field(i)), left);
            if (!Arrays.equals(a, RowText.canonical(t.into(t.field(i)), right))) {
                columns.add(s.field(i).getName());
            }
        }
        return String.join(", ", columns);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
