package io.buildfactory.persistence;

import io.buildfactory.application.shared.port.out.StorageScrubber;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a purge: SQLite overwrites deleted rows with zeros ({@code secure_delete}, set on every connection), but the
 * write-ahead log still holds the pages as they were until a checkpoint copies them back and truncates it.
 * PostgreSQL keeps dead row versions until vacuum reclaims them; it does not zero them, so its files are protected
 * by disk encryption, not by this.
 */
public final class DatabaseScrubber implements StorageScrubber {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseScrubber.class);

    private final Database db;

    public DatabaseScrubber(Database db) {
        this.db = db;
    }

    @Override
    public void scrub() {
        try {
            db.dialect().scrubFreedPages();
        } catch (DataAccessException e) {
            // The purge has committed; the next purge's checkpoint copies these pages too.
            LOG.warn("WAL checkpoint after a purge failed: {}", e.getClass().getSimpleName());
        }
    }
}
