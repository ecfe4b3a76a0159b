package io.buildfactory.persistence.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs every test of a subclass once on SQLite and once on PostgreSQL, each on a fresh migrated database. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
public abstract class OnBothEngines {

    @Parameter
    protected Engine engine;

    protected TestDatabase db;
    protected final Fixtures fixtures = new Fixtures();

    @BeforeEach
    void openDatabase() {
        db = TestDatabase.migrated(engine);
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
