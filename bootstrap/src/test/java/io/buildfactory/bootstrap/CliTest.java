package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CliTest {

    record Result(int code, String out, String err) {}

    static Result run(Map<String, String> env, String... args) {
        return runWithInput("", env, args);
    }

    static Result runWithInput(String stdin, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(
                        env,
                        new java.io.BufferedReader(new java.io.StringReader(stdin)),
                        new PrintWriter(out),
                        new PrintWriter(err),
                        Clock.systemUTC())
                .run(args);
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void dry_run_shows_the_sql_and_changes_nothing_then_migrate_applies_it_once(Engine engine) {
        try (TestDatabase db = TestDatabase.empty(engine)) {
            Map<String, String> env = Map.of("DATABASE_URL", db.databaseUrl());
            java.util.List<String> shipped =
                    io.buildfactory.persistence.Migrations.of(db.database()).available();

            Result dryRun = run(env, "db", "migrate", "--dry-run");
            assertEquals(0, dryRun.code(), dryRun.err());
            assertTrue(
                    dryRun.out().contains(shipped.size() + " pending migration(s); dry run, nothing changed."),
                    dryRun.out());
            assertTrue(dryRun.out().contains("CREATE TABLE users"), "the SQL is listed");
            assertTrue(run(env, "db", "info").out().contains("Pending"), "still pending after the dry run");

            Result migrate = run(env, "db", "migrate");
            assertEquals(
                    "Applied " + shipped.size() + " migration(s): " + String.join(", ", shipped),
                    migrate.out().strip());
            assertEquals(
                    "Schema is up to date; nothing applied.",
                    run(env, "db", "migrate").out().strip());
            assertTrue(run(env, "db", "info").out().contains("Success"));
            Result validate = run(env, "db", "validate");
            assertEquals(0, validate.code());
            assertEquals("Migrations are valid.", validate.out().strip());
        }
    }

    @Test
    void migrate_to_a_target_version() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE)) {
            Map<String, String> env = Map.of("DATABASE_URL", db.databaseUrl());
            Result result = run(env, "db", "migrate", "--target", "1");
            assertEquals(0, result.code(), result.err());
            assertEquals("Applied 1 migration(s): 1", result.out().strip());
            assertTrue(
                    run(env, "db", "info").out().lines().anyMatch(l -> l.startsWith("2 ") && l.contains("Pending")),
                    "version 2 stays pending");
        }
    }

    @Test
    void a_bad_setting_stops_with_one_line_naming_it_and_exit_code_2() {
        Result result = run(Map.of("BF_HTTP_PORT", "eighty"), "serve");
        assertEquals(2, result.code());
        assertEquals(
                "build-factory: configuration error: BF_HTTP_PORT must be a whole number from 0 to 65535, got 'eighty'",
                result.err().strip());
        assertFalse(result.err().contains("\tat "), "no stack trace");
    }

    @Test
    void an_unreachable_database_fails_with_one_line() {
        Result result = run(Map.of("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none"), "db", "validate");
        assertEquals(1, result.code());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().startsWith("build-factory: "), result.err());
    }

    @Test
    void admin_create_user_reads_the_password_from_stdin_and_the_new_admin_can_log_in() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE)) {
            Map<String, String> env = Map.of("DATABASE_URL", db.databaseUrl());
            Result created = runWithInput(
                    "first-admin-passphrase\n",
                    env,
                    "admin",
                    "create-user",
                    "--email",
                    "root@example.com",
                    "--role",
                    "admin");
            assertEquals(0, created.code(), created.err());
            assertTrue(created.out().contains("root@example.com"), created.out());
            assertFalse(created.out().contains("first-admin-passphrase"));

            Result again = runWithInput(
                    "first-admin-passphrase\n", env, "admin", "create-user", "--email", "ROOT@example.com");
            assertEquals(1, again.code(), "the email is taken, whatever its case");
            assertTrue(again.err().contains("already exists"), again.err());

            try (RunningApp app = RunningApp.start(env)) {
                Api api = new Api(app.port());
                String token = api.logIn("root@example.com", "first-admin-passphrase");
                assertEquals(
                        "admin",
                        api.get("/api/auth/session", token)
                                .json()
                                .get("roles")
                                .get(0)
                                .asText());
            }
        }
    }

    @Test
    void admin_create_user_refuses_a_weak_password_from_the_environment_in_one_line() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE)) {
            Result weak = run(
                    Map.of("DATABASE_URL", db.databaseUrl(), "BF_ADMIN_PASSWORD", "short"),
                    "admin",
                    "create-user",
                    "--email",
                    "root@example.com");
            assertEquals(1, weak.code());
            assertEquals(1, weak.err().strip().lines().count(), weak.err());
            assertTrue(weak.err().contains("password must be at least 12 characters"), weak.err());
        }
    }

    @Test
    void the_environment_creates_the_first_admin_only_on_an_empty_database() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE)) {
            try (RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
                new Api(app.port()).admin();
            }
            Map<String, String> second = new java.util.HashMap<>(Api.withAdmin(db.databaseUrl()));
            second.put("BF_BOOTSTRAP_ADMIN_EMAIL", "another@example.com");
            try (RunningApp app = RunningApp.start(second)) {
                assertEquals(
                        401,
                        new Api(app.port())
                                .logInRaw("another@example.com", Api.ADMIN_PASSWORD)
                                .status(),
                        "users exist already: nobody new was created");
            }
        }
    }

    @Test
    void a_copy_to_a_url_that_is_not_a_database_is_a_configuration_error_naming_the_option() {
        Result result =
                run(Map.of("DATABASE_URL", "jdbc:sqlite:target/never-opened.db"), "db", "copy", "--to", "nonsense");
        assertEquals(Cli.BAD_CONFIG, result.code(), result.err());
        assertTrue(
                result.err().contains("--to must start with jdbc:sqlite:, jdbc:postgresql: or postgres://"),
                result.err());
    }
}
