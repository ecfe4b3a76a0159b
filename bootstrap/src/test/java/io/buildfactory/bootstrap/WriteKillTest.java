package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.persistence.Migrations;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A writing process killed with SIGKILL while 32 threads write through it (on SQLite, in shared group commits):
 * every write it acknowledged is on disk, and every write on disk is whole (a user always with their session).
 */
class WriteKillTest {

    static final int ACKS_BEFORE_THE_KILL = 600;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void no_acknowledged_write_is_lost_and_none_is_half_written(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.empty(engine)) {
            Migrations.of(db.database()).migrate(Optional.empty());
            Process child = ChildJvm.start(WriteKillDriver.class, db.databaseUrl());
            Set<String> acked = new HashSet<>();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("acked ")) {
                        acked.add(line.substring("acked ".length()));
                        if (acked.size() == ACKS_BEFORE_THE_KILL) {
                            // SIGKILL (through the handle, which leaves the pipe open for what was printed before)
                            child.toHandle().destroyForcibly();
                        }
                    }
                }
            }
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertTrue(acked.size() >= ACKS_BEFORE_THE_KILL, "the child wrote under load: " + acked.size());

            Set<String> users = new HashSet<>();
            try (Connection c = db.rawConnection();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT id FROM users WHERE email LIKE '%@kill.example.com'")) {
                while (r.next()) {
                    users.add(r.getString(1));
                }
            }
            Set<String> lost = new HashSet<>(acked);
            lost.removeAll(users);
            assertEquals(Set.of(), lost, "acknowledged, then lost");
            try (Connection c = db.rawConnection();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM users u WHERE email LIKE '%@kill.example.com'"
                            + " AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id)")) {
                r.next();
                assertEquals(0, r.getInt(1), "a user on disk without the session written with it");
            }
        }
    }
}
