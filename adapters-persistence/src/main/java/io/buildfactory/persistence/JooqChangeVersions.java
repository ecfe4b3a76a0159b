package io.buildfactory.persistence;

import io.buildfactory.application.shared.port.out.ChangeVersions;

/** The change feed's versions, as the use cases ask for them. */
public final class JooqChangeVersions implements ChangeVersions {

    private final Database db;

    public JooqChangeVersions(Database db) {
        this.db = db;
    }

    @Override
    public long principals() {
        return db.version(ChangeFeed.Topic.PRINCIPALS);
    }

    @Override
    public long work() {
        return db.version(ChangeFeed.Topic.WORK);
    }
}
