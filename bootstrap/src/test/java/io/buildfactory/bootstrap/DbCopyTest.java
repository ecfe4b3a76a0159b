package io.buildfactory.bootstrap;

import static io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS;
import static io.buildfactory.persistence.jooq.Tables.WORK_ITEMS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.copy.CopiedTables;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.SameRows;
import io.buildfactory.persistence.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.JSONB;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * {@code db copy} as an operator runs it: a SQLite deployment with something in every table moved to PostgreSQL,
 * the moved server answering as the old one did; a copy taken while the server writes; a copy killed half-way,
 * which no server starts on until a rerun finishes it.
 */
class DbCopyTest {

    @Test
    void a_deployment_with_every_table_filled_moves_whole_and_the_copy_answers_as_the_original() {
        try (TestDatabase source = TestDatabase.empty(Engine.SQLITE);
                TestDatabase target = TestDatabase.empty(Engine.POSTGRESQL)) {
            Map<String, String> env = EveryTable.withSealing(source.databaseUrl());
            String admin;
            try (RunningApp app = RunningApp.start(env)) {
                admin = EveryTable.fill(new Api(app.port()));
            }
            List<Table<?>> tables = CopiedTables.inForeignKeyOrder(source.database());
            List<String> empty = tables.stream()
                    .filter(t -> source.database().dsl().fetchCount(t) == 0)
                    .map(Table::getName)
                    .toList();
            assertEquals(List.of(), empty, "the fixture leaves no table empty");

            CliTest.Result copy = CliTest.run(env, "db", "copy", "--to", target.databaseUrl());
            assertEquals(0, copy.code(), copy.out() + copy.err());
            assertTrue(copy.out().contains("OK: the target is a complete copy"), copy.out());
            assertTrue(copy.out().contains("Audit chain verified on the target"), copy.out());
            assertEquals(List.of(), SameRows.differences(source.database(), target.database(), tables));

            Map<String, String> movedEnv = EveryTable.withSealing(target.databaseUrl());
            try (RunningApp original = RunningApp.start(env);
                    RunningApp moved = RunningApp.start(movedEnv)) {
                Api before = new Api(original.port());
                Api after = new Api(moved.port());
                List<String> paths = readsOf(before, admin);
                for (String path : paths) {
                    HttpResult a = before.get(path, admin);
                    HttpResult b = after.get(path, admin);
                    assertEquals(200, a.status(), path + ": " + a.body());
                    assertEquals("", difference(a.json(), b.json(), ""), path);
                }
                assertTrue(paths.size() > 15, "compared " + paths);
            }
        }
    }

    /** Where two JSON bodies first differ ("" when they are equal), with both values there. */
    static String difference(JsonNode a, JsonNode b, String at) {
        if (a.equals(b)) {
            return "";
        }
        if (a.isObject() && b.isObject()) {
            var names = new java.util.TreeSet<String>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String inner = difference(a.path(name), b.path(name), at + "/" + name);
                if (!inner.isEmpty()) {
                    return inner;
                }
            }
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String inner = difference(a.get(i), b.get(i), at + "/" + i);
                if (!inner.isEmpty()) {
                    return inner;
                }
            }
        }
        return at + ": " + a + " then " + b;
    }

    /** The reads a user makes of the filled deployment, with ids found by following its lists. */
    private static List<String> readsOf(Api api, String admin) {
        List<String> paths = new ArrayList<>(List.of(
                "/api/users?limit=100",
                "/api/roles",
                "/api/projects",
                "/api/projects/COPY/members",
                "/api/projects/COPY/workflows",
                "/api/projects/COPY/runs",
                "/api/projects/COPY/repositories",
                "/api/projects/COPY/memory",
                "/api/control-plane/items?projectKey=COPY",
                "/api/conversations",
                "/api/audit/events?limit=40"));
        for (JsonNode item : api.get("/api/control-plane/items?projectKey=COPY", admin)
                .json()
                .get("items")) {
            paths.add("/api/control-plane/items/" + item.get("key").asText());
            paths.add("/api/control-plane/items/" + item.get("key").asText() + "/history");
        }
        for (JsonNode run : api.get("/api/projects/COPY/runs", admin).json().get("items")) {
            paths.add("/api/runs/" + run.get("id").asText());
        }
        for (JsonNode workflow :
                api.get("/api/projects/COPY/workflows", admin).json().get("items")) {
            String view = "/api/workflows/" + workflow.get("id").asText();
            paths.add(view);
            for (JsonNode activity : api.get(view, admin).json().get("activities")) {
                String cards = "/api/activities/" + activity.get("id").asText() + "/cards";
                paths.add(cards);
                for (JsonNode card : api.get(cards, admin).json().get("items")) {
                    paths.add("/api/cards/" + card.get("id").asText());
                    paths.add("/api/cards/" + card.get("id").asText() + "/lineage");
                }
            }
        }
        for (JsonNode conversation : api.get("/api/conversations", admin).json().get("items")) {
            paths.add("/api/conversations/" + conversation.get("id").asText() + "/exchanges");
        }
        return paths;
    }

    @Test
    void a_copy_taken_while_the_server_writes_is_its_snapshot_whole_and_the_writes_go_on() throws Exception {
        try (TestDatabase source = TestDatabase.migrated(Engine.SQLITE);
                TestDatabase target = TestDatabase.empty(Engine.POSTGRESQL)) {
            telemetry(source, 100_000);
            Map<String, String> env = Api.withAdmin(source.databaseUrl());
            try (RunningApp app = RunningApp.start(env)) {
                Api api = new Api(app.port());
                String admin = api.admin();
                api.project(admin, "LIVE");
                AtomicBoolean copying = new AtomicBoolean(true);
                AtomicInteger writtenDuringCopy = new AtomicInteger();
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    for (int i = 0; copying.get(); i++) {
                        HttpResult made = api.post(
                                "/api/control-plane/items",
                                admin,
                                Map.of(
                                        "projectKey",
                                        "LIVE",
                                        "title",
                                        "written during the copy " + i,
                                        "workType",
                                        "feature"));
                        assertEquals(201, made.status(), made.body());
                        writtenDuringCopy.incrementAndGet();
                    }
                });
                CliTest.Result copy = CliTest.run(env, "db", "copy", "--to", target.databaseUrl());
                copying.set(false);
                writer.get(30, TimeUnit.SECONDS);

                assertEquals(0, copy.code(), copy.out() + copy.err());
                assertTrue(writtenDuringCopy.get() > 0, "the server kept writing while the copy ran");
                int copied = target.database().dsl().fetchCount(WORK_ITEMS);
                int now = source.database().dsl().fetchCount(WORK_ITEMS);
                assertTrue(copied < now, "the copy holds its snapshot, not later writes: " + copied + " of " + now);
                assertEquals(100_000, target.database().dsl().fetchCount(TELEMETRY_EVENTS) - serverTelemetry(target));
            }
        }
    }

    @Test
    void a_copy_killed_half_way_leaves_a_target_no_server_starts_on_until_a_forced_rerun() throws Exception {
        try (TestDatabase source = TestDatabase.migrated(Engine.SQLITE);
                TestDatabase target = TestDatabase.empty(Engine.POSTGRESQL)) {
            telemetry(source, 200_000);
            String admin;
            Map<String, String> env = Api.withAdmin(source.databaseUrl());
            try (RunningApp app = RunningApp.start(env)) {
                admin = new Api(app.port()).admin();
            }

            Process child = ChildJvm.start(CopyKillDriver.class, source.databaseUrl(), target.databaseUrl());
            List<String> seen = new ArrayList<>();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    seen.add(line);
                    if (line.startsWith("audit_events ")) {
                        child.toHandle().destroyForcibly(); // SIGKILL, one table in
                    }
                }
            }
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertTrue(seen.stream().noneMatch(l -> l.startsWith("OK")), "killed before it finished: " + seen);

            Map<String, String> movedEnv = Api.withAdmin(target.databaseUrl());
            AssertionError refused = assertThrows(
                    AssertionError.class, () -> RunningApp.start(movedEnv).close());
            assertTrue(refused.getMessage().contains("incomplete copy"), refused.getMessage());

            CliTest.Result again = CliTest.run(env, "db", "copy", "--to", target.databaseUrl());
            assertEquals(1, again.code(), again.out());
            assertTrue(again.err().contains("an incomplete copy") && again.err().contains("--force"), again.err());

            CliTest.Result forced = CliTest.run(env, "db", "copy", "--to", target.databaseUrl(), "--force");
            assertEquals(0, forced.code(), forced.out() + forced.err());
            try (RunningApp moved = RunningApp.start(movedEnv)) {
                HttpResult users = new Api(moved.port()).get("/api/users", admin);
                assertEquals(200, users.status(), "the admin's session moved with the data: " + users.body());
            }
        }
    }

    /** {@code n} telemetry events written straight into the source, so that copying takes a while. */
    private static void telemetry(TestDatabase db, int n) {
        Random random = new Random(7);
        Instant at = Instant.parse("2026-11-30T12:00:00.000001Z");
        db.database().transaction(() -> {
            var insert = db.database()
                    .dsl()
                    .insertInto(
                            TELEMETRY_EVENTS,
                            TELEMETRY_EVENTS.ID,
                            TELEMETRY_EVENTS.EVENT_TYPE,
                            TELEMETRY_EVENTS.CORRELATION_ID,
                            TELEMETRY_EVENTS.OCCURRED_AT,
                            TELEMETRY_EVENTS.SCHEMA_VERSION,
                            TELEMETRY_EVENTS.PAYLOAD,
                            TELEMETRY_EVENTS.CREATED_AT)
                    .values((String) null, null, null, null, null, null, null);
            var batch = db.database().dsl().batch(insert);
            for (int i = 0; i < n; i++) {
                Instant when = at.plusMillis(i);
                batch.bind(
                        Ulid.generate(when, random).toString(),
                        "bulk.loaded",
                        "bulk-" + i,
                        when,
                        1,
                        JSONB.valueOf("{\"i\": " + i + ", \"text\": \"row " + i + " — ✓\"}"),
                        when);
            }
            batch.execute();
            return null;
        });
    }

    private static int serverTelemetry(TestDatabase db) {
        return db.database().dsl().fetchCount(TELEMETRY_EVENTS, TELEMETRY_EVENTS.EVENT_TYPE.ne("bulk.loaded"));
    }
}
