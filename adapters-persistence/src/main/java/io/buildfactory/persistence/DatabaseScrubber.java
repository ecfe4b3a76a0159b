package io.buildfactory.persistence;

import io.buildfactory.application.shared.port.out.StorageScrubber;

/**
 * After a purge: SQLite overwrites deleted rows with zeros ({@code secure_delete}, set on every connection), but the
 * write-ahead log still holds the pages as they were until a checkpoint copies them back and truncates it.
 * PostgreSQL keeps dead row versions until vacuum reclaims them; it does not zero them, so its files are protected
 * by disk encryption, not by this.
 */
public final class DatabaseScrubber implements StorageScrubber {

    private final Database db;

    public DatabaseScrubber(Database db) {
        this.db = db;
    }

    @Override
    public void scrub() {
        if (db.vendor() == Vendor.SQLITE) {
            db.dsl().fetch("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
}
