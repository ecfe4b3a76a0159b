package io.buildfactory.persistence.schema;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The database itself refuses bad rows, whatever code writes them. */
class ConstraintTest extends OnBothEngines {

    static final String USER = "01JQ0000000000000000000001";
    static final String OTHER_USER = "01JQ0000000000000000000002";

    Connection connection;

    /** The application's own connection, with foreign keys and everything else as the pool sets them. */
    @BeforeEach
    void connect() throws SQLException {
        connection = db.database().dataSource().getConnection();
    }

    /** The rule that must refuse a row, as each database reports it. */
    enum Rule {
        CHECK(SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK, "23514"),
        PRIMARY_KEY(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY, "23505"),
        UNIQUE(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE, "23505"),
        FOREIGN_KEY(SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY, "23503");

        final SQLiteErrorCode sqlite;
        final String sqlState;

        Rule(SQLiteErrorCode sqlite, String sqlState) {
            this.sqlite = sqlite;
            this.sqlState = sqlState;
        }
    }

    /** That the statement fails, and fails on {@code rule}: not on a typo, a missing table or anything else. */
    void assertRefusedBy(Rule rule, Executable statement, String why) {
        SQLException refused = assertThrows(SQLException.class, statement, why);
        if (engine == Engine.SQLITE) {
            SQLiteErrorCode code = ((SQLiteException) refused).getResultCode();
            // SQLite enforces ON DELETE RESTRICT through an internal trigger, and says so
            boolean restrict = rule == Rule.FOREIGN_KEY
                    && code == SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER
                    && refused.getMessage().contains("FOREIGN KEY constraint failed");
            assertTrue(code == rule.sqlite || restrict, why + ": " + refused.getMessage());
        } else {
            assertEquals(rule.sqlState, refused.getSQLState(), why + ": " + refused.getMessage());
        }
    }

    @org.junit.jupiter.api.AfterEach
    void disconnect() throws SQLException {
        connection.close();
    }

    Object timestamp() {
        return engine == Engine.SQLITE
                ? "2026-11-22 10:00:00+00:00"
                : OffsetDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC);
    }

    void insertUser(String id, String email) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO users (id, email, email_canonical, "
                        + "display_name, kind, status, created_at, updated_at, version) VALUES (?, ?, ?, 'U', 'human', 'active', ?, ?, 1)")) {
            s.setString(1, id);
            s.setString(2, email);
            s.setString(3, email.toLowerCase());
            s.setObject(4, timestamp());
            s.setObject(5, timestamp());
            s.executeUpdate();
        }
    }

    void insertSession(String id, String userId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO sessions (id, user_id, token_hash, created_at, "
                        + "updated_at, last_seen_at, idle_expires_at, absolute_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, userId);
            s.setString(3, "a".repeat(63) + id.charAt(25));
            for (int i = 4; i <= 8; i++) {
                s.setObject(i, timestamp());
            }
            s.executeUpdate();
        }
    }

    long count(String sql) throws SQLException {
        try (var s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "",
                "01JQ000000000000000000000",
                "01JQ00000000000000000000001",
                "01jq0000000000000000000001",
                "01JQ000000000000000000000U",
                "01JQ000000000000000000000I",
                "81JQ0000000000000000000001",
                "01JQ-000000000000000000001"
            })
    void ids_that_are_not_ulids_are_refused(String badId) {
        assertRefusedBy(Rule.CHECK, () -> insertUser(badId, "x@example.com"), "the id CHECK");
    }

    @Test
    void a_valid_ulid_is_accepted() {
        assertDoesNotThrow(() -> insertUser("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "x@example.com"));
    }

    @Test
    void duplicate_primary_and_unique_keys_are_refused() throws SQLException {
        insertUser(USER, "a@example.com");
        assertRefusedBy(Rule.PRIMARY_KEY, () -> insertUser(USER, "b@example.com"), "the same id");
        assertRefusedBy(Rule.UNIQUE, () -> insertUser(OTHER_USER, "A@example.com"), "the same email in another case");
        assertEquals(1, count("SELECT count(*) FROM users"));
    }

    @Test
    void a_reference_to_a_missing_row_is_refused() {
        assertRefusedBy(Rule.FOREIGN_KEY, () -> insertSession("01JQ0000000000000000000003", USER), "no such user");
    }

    @Test
    void deleting_a_user_removes_their_sessions() throws SQLException {
        insertUser(USER, "a@example.com");
        insertSession("01JQ0000000000000000000003", USER);
        try (var s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM users WHERE id = '" + USER + "'");
        }
        assertEquals(0, count("SELECT count(*) FROM sessions"));
    }

    @Test
    void a_role_still_held_by_a_user_cannot_be_deleted() throws SQLException {
        insertUser(USER, "a@example.com");
        try (PreparedStatement role = connection.prepareStatement(
                        "INSERT INTO roles (id, name, description, built_in, "
                                + "created_at, updated_at, version) VALUES ('01JQ0000000000000000000009', 'ops', '', FALSE, ?, ?, 1)");
                PreparedStatement assign = connection.prepareStatement(
                        "INSERT INTO user_roles (user_id, role_id, assigned_at) VALUES (?, '01JQ0000000000000000000009', ?)")) {
            role.setObject(1, timestamp());
            role.setObject(2, timestamp());
            role.executeUpdate();
            assign.setString(1, USER);
            assign.setObject(2, timestamp());
            assign.executeUpdate();
        }
        assertRefusedBy(
                Rule.FOREIGN_KEY,
                () -> {
                    try (var s = connection.createStatement()) {
                        s.executeUpdate("DELETE FROM roles WHERE id = '01JQ0000000000000000000009'");
                    }
                },
                "the role is still held");
    }

    @Test
    void invalid_json_and_unknown_states_are_refused() {
        assertRefusedBy(
                Rule.CHECK,
                () -> {
                    try (PreparedStatement s =
                            connection.prepareStatement("INSERT INTO telemetry_events (id, event_type, "
                                    + "correlation_id, occurred_at, schema_version, payload, created_at) VALUES "
                                    + "('01JQ0000000000000000000005', 'action.x', 'c', ?, 1, " + json("'[1, 2]'")
                                    + ", ?)")) {
                        s.setObject(1, timestamp());
                        s.setObject(2, timestamp());
                        s.executeUpdate();
                    }
                },
                "a payload must be a JSON object");
        assertRefusedBy(
                Rule.CHECK,
                () -> {
                    try (PreparedStatement s =
                            connection.prepareStatement("INSERT INTO jobs (id, type, payload, state, run_at, "
                                    + "max_attempts, created_at, updated_at, version) VALUES ('01JQ0000000000000000000006', 't', "
                                    + json("'{}'") + ", 'sleeping', ?, 3, ?, ?, 1)")) {
                        s.setObject(1, timestamp());
                        s.setObject(2, timestamp());
                        s.setObject(3, timestamp());
                        s.executeUpdate();
                    }
                },
                "job states are a closed list");
    }

    private String json(String literal) {
        return engine == Engine.SQLITE ? literal : literal + "::jsonb";
    }
}
