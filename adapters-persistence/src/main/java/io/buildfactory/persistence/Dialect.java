package io.buildfactory.persistence;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectForUpdateStep;
import org.jooq.impl.DSL;

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
    public <R extends Record> ResultQuery<R> lockingRowsSkipLocked(SelectForUpdateStep<R> query) {
        return vendor == Vendor.POSTGRESQL ? query.forUpdate().skipLocked() : query;
    }

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
}
