package io.buildfactory.persistence;

import static io.buildfactory.persistence.jooq.Tables.MEMORY_UNITS;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;
import org.jooq.TableLike;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * Every difference in the SQL the two databases need, named once; repositories say what they need ("these rows,
 * locked"), never which database they are on. How connections and transactions differ is {@link Database}'s.
 *
 * <p>Locking is the main difference: a SQLite transaction holds the database's one write lock from its start
 * ({@code BEGIN IMMEDIATE}), so what PostgreSQL must lock row by row is already serialised there.
 */
public final class Dialect {

    private final Vendor vendor;
    private final DSLContext dsl;

    Dialect(Vendor vendor, DSLContext dsl) {
        this.vendor = vendor;
        this.dsl = dsl;
    }

    /** The query's rows, locked until the transaction ends (PostgreSQL {@code FOR UPDATE}). */
    public <R extends Record> ResultQuery<R> lockingRows(SelectForUpdateStep<R> query) {
        return vendor == Vendor.POSTGRESQL ? query.forUpdate() : query;
    }

    /**
     * The query's rows, locked against other writers until the transaction ends (PostgreSQL
     * {@code FOR NO KEY UPDATE}): rows referencing them may still be inserted meanwhile, as their foreign-key
     * checks take only a key-share lock.
     */
    public <R extends Record> ResultQuery<R> lockingRowsAgainstWriters(SelectForUpdateStep<R> query) {
        return vendor == Vendor.POSTGRESQL ? query.forNoKeyUpdate() : query;
    }

    /**
     * The query's rows, locked until the transaction ends, skipping rows another transaction holds (PostgreSQL
     * {@code FOR UPDATE SKIP LOCKED}): concurrent claimers each get a different row without waiting.
     */
    public <R extends Record> Select<R> lockingRowsSkipLocked(SelectForUpdateStep<R> query) {
        return vendor == Vendor.POSTGRESQL ? query.forUpdate().skipLocked() : query;
    }

    /**
     * A full-text search of memory units for every one of {@code terms} (words as {@code SearchText} makes them):
     * the rows to select from (memory_units, joined to the FTS5 index on SQLite), the match, and the score,
     * higher better (FTS5's BM25 negated; PostgreSQL's {@code ts_rank} divided by one plus the log of the
     * document's length, as BM25 weighs length too). Both stem the words in English.
     */
    public MemoryTextMatch memoryTextMatch(List<String> terms) {
        if (vendor == Vendor.POSTGRESQL) {
            Field<Object> vector = DSL.field(DSL.name(MEMORY_UNITS.getName(), "search_vector"));
            Field<Object> query = DSL.field(
                    "plainto_tsquery('english'::regconfig, {0})", Object.class, DSL.val(String.join(" ", terms)));
            return new MemoryTextMatch(
                    MEMORY_UNITS,
                    DSL.condition("{0} @@ {1}", vector, query),
                    DSL.field("ts_rank({0}, {1}, 1)", Double.class, vector, query));
        }
        Table<?> index = DSL.table(DSL.name("memory_units_fts"));
        String expression =
                String.join(" ", terms.stream().map(t -> '"' + t + '"').toList());
        return new MemoryTextMatch(
                index.join(MEMORY_UNITS)
                        .on(MEMORY_UNITS.ID.eq(DSL.field(DSL.name("memory_units_fts", "unit_id"), String.class))),
                DSL.condition("{0} MATCH {1}", index, DSL.val(expression)),
                DSL.field("-bm25({0})", Double.class, index));
    }

    /** See {@link #memoryTextMatch}. */
    public record MemoryTextMatch(TableLike<?> source, Condition match, Field<Double> score) {}

    /** A lock named by {@code key}, held until the transaction ends (a PostgreSQL advisory lock). */
    public void lockUntilCommit(long key) {
        if (vendor == Vendor.POSTGRESQL) {
            dsl.select(DSL.field("pg_advisory_xact_lock({0})", Object.class, DSL.val(key)))
                    .fetch();
        }
    }

    /**
     * Rewrites pages freed by deletes so that their old content is gone from the files: on SQLite, whose deletes
     * zero the pages ({@code secure_delete}), the WAL is checkpointed into the main file and truncated.
     * PostgreSQL has no equivalent (dead row versions stay until their space is reused): nothing is done.
     */
    public void scrubFreedPages() {
        if (vendor == Vendor.SQLITE) {
            dsl.fetch("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /**
     * {@code copy} ({@code COPY … FROM STDIN}) fed {@code rows} in COPY's text format, in a savepoint of the
     * current transaction. @return the rows copied; empty where the database has no COPY (SQLite: {@code rows} is
     * not asked for) or refused these rows, in which case the savepoint is rolled back and nothing of them stays
     */
    public Optional<Long> copyIn(Connection c, String copy, Supplier<String> rows) throws SQLException {
        if (vendor != Vendor.POSTGRESQL) {
            return Optional.empty();
        }
        Savepoint before = c.setSavepoint();
        try {
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(rows.get()));
            c.releaseSavepoint(before);
            return Optional.of(copied);
        } catch (SQLException | IOException refused) {
            c.rollback(before);
            return Optional.empty();
        }
    }

    /**
     * {@code field} to sort by comparing bytes, the same order on both databases: SQLite's {@code BINARY}
     * collation, PostgreSQL's {@code "C"} (its default collation follows the locale's rules instead).
     */
    public <T> org.jooq.SortField<T> bytewiseAscending(Field<T> field) {
        if (!String.class.equals(field.getType())) {
            return field.asc();
        }
        String collation = vendor == Vendor.POSTGRESQL ? "\"C\"" : "binary";
        return DSL.field("{0} collate " + collation, field.getType(), field).asc();
    }

    /** A JSON value's placeholder in plain SQL, stored as jOOQ's JSONB binding stores it. */
    public String jsonParameter() {
        return vendor == Vendor.POSTGRESQL ? "?::jsonb" : "json(?)";
    }

    /**
     * Binds a time in plain SQL as jOOQ's {@code Instant} binding does: a {@code timestamptz} on PostgreSQL; on
     * SQLite the text {@code 2026-12-04 01:02:03.1234+00:00}, no trailing zeros, which range queries compare.
     */
    public void setTime(PreparedStatement statement, int index, Instant at) throws SQLException {
        if (vendor == Vendor.POSTGRESQL) {
            statement.setObject(index, at.atOffset(ZoneOffset.UTC));
        } else {
            statement.setString(index, sqliteTime(at));
        }
    }

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static String sqliteTime(Instant at) {
        StringBuilder text = new StringBuilder(32).append(SECONDS.format(at));
        int nanos = at.getNano();
        if (nanos > 0) {
            String fraction = String.format(Locale.ROOT, "%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.append("+00:00").toString();
    }
}
