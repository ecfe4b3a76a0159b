package io.buildfactory.persistence.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.persistence.Migrations;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SQLite only, because only there does V9 rebuild tables outside Flyway's transaction (PostgreSQL adds its
 * foreign keys inside one, and cannot hold a broken reference to begin with). A database holding a reference
 * that the new foreign keys would refuse must come out of a failed upgrade exactly as it went in, with the
 * pool's connections sound: foreign keys on, no savepoint left open, writes possible.
 */
class SqliteRebuildFailureTest {

    @Test
    void an_upgrade_that_meets_a_broken_reference_changes_nothing_and_leaves_every_connection_sound() throws Exception {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE)) {
            Migrations migrations = Migrations.of(db.database());
            migrations.migrate(Optional.of("8"));
            try (Connection raw = db.rawConnection();
                    Statement s = raw.createStatement()) {
                s.execute("PRAGMA foreign_keys = OFF");
                s.execute("INSERT INTO work_item_dependencies (work_item_id, depends_on_id) "
                        + "VALUES ('01JQ0000000000000000000009', '01JQ0000000000000000000008')");
            }

            assertThrows(Migrations.MigrationException.class, () -> migrations.migrate(Optional.empty()));

            assertEquals(
                    "8",
                    migrations.info().stream()
                            .filter(m -> m.state().equals("Success"))
                            .reduce((a, b) -> b)
                            .orElseThrow()
                            .version());
            var dsl = db.database().dsl();
            assertEquals(0, dsl.fetchCount(dsl.selectFrom("sqlite_master").where("name = 'projects'")));
            assertEquals(0, dsl.fetchCount(dsl.selectFrom("sqlite_master").where("name LIKE '%\\_v8' ESCAPE '\\'")));
            for (int i = 0; i < 10; i++) { // every connection the pool hands out, not only the next one
                assertEquals(1, dsl.fetchValue("PRAGMA foreign_keys", Integer.class), "foreign keys are on again");
            }
            db.database()
                    .transaction(
                            () -> dsl.execute(
                                    "INSERT INTO work_item_counters (project_key, last_number, updated_at) VALUES ('BF', 1, 'x')"));
            assertTrue(dsl.fetchExists(dsl.selectFrom("work_item_counters")), "the pool writes again");
        }
    }
}
