package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code db backup}: a copy of a SQLite database made while the server writes, whole and servable. */
class DbBackupTest {

    @Test
    void a_backup_taken_under_writes_checks_verifies_and_serves() throws Exception {
        try (TestDatabase source = TestDatabase.empty(Engine.SQLITE)) {
            Path backup = Files.createTempDirectory("bf-backup-").resolve("nested/backup.db");
            Map<String, String> env = Api.withAdmin(source.databaseUrl());
            try (RunningApp app = RunningApp.start(env)) {
                Api api = new Api(app.port());
                String admin = api.admin();
                api.project(admin, "BAK");
                AtomicBoolean writing = new AtomicBoolean(true);
                AtomicInteger written = new AtomicInteger();
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    while (writing.get()) {
                        HttpResult made = api.post(
                                "/api/control-plane/items",
                                admin,
                                Map.of("projectKey", "BAK", "title", "item " + written.get(), "workType", "chore"));
                        assertEquals(201, made.status(), made.body());
                        written.incrementAndGet();
                    }
                });
                while (written.get() < 20) {
                    Thread.sleep(10);
                }
                CliTest.Result result = CliTest.run(env, "db", "backup", backup.toString());
                int atBackup = written.get();
                writing.set(false);
                writer.get(30, TimeUnit.SECONDS);

                assertEquals(0, result.code(), result.out() + result.err());
                assertTrue(result.out().contains("integrity_check ok"), result.out());
                assertTrue(Files.exists(backup));
                assertFalse(Files.exists(backup.resolveSibling("backup.db.partial")), "no partial file is left");
                assertTrue(atBackup >= 20, "the server wrote while the backup ran");

                CliTest.Result refused = CliTest.run(env, "db", "backup", backup.toString());
                assertEquals(1, refused.code());
                assertTrue(refused.err().contains("exists already"), refused.err());
            }
            Map<String, String> restored = Api.withAdmin("jdbc:sqlite:" + backup);
            CliTest.Result verify = CliTest.run(restored, "audit", "verify");
            assertEquals(0, verify.code(), verify.out() + verify.err());
            try (RunningApp app = RunningApp.start(restored)) {
                Api api = new Api(app.port());
                HttpResult items = api.get("/api/control-plane/items?projectKey=BAK&limit=200", api.admin());
                assertEquals(200, items.status(), items.body());
                assertTrue(items.json().get("items").size() >= 20, items.body());
            }
        }
    }

    @Test
    void postgresql_is_pointed_at_pg_dump() {
        try (TestDatabase db = TestDatabase.migrated(Engine.POSTGRESQL)) {
            CliTest.Result result =
                    CliTest.run(Map.of("DATABASE_URL", db.databaseUrl()), "db", "backup", "target/never-written.db");
            assertEquals(1, result.code());
            assertTrue(result.err().contains("pg_dump"), result.err());
            assertFalse(Files.exists(Path.of("target/never-written.db")));
        }
    }
}
