package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** kill -9 in the middle of a stream: every event the sink confirmed as committed is in the database. */
class TelemetryKillTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void every_confirmed_event_survives_a_kill_9(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.empty(engine)) {
            Process child = ChildJvm.start(TelemetryKillDriver.class, db.databaseUrl());
            AtomicLong confirmed = new AtomicLong();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("committed ")) {
                            confirmed.set(Long.parseLong(line.substring("committed ".length())));
                        }
                    }
                } catch (IOException ignored) {
                    // the child was killed
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (confirmed.get() < 5_000 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no drain
            child.waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
            long lastConfirmed = confirmed.get();
            assertTrue(lastConfirmed >= 5_000, "the child confirmed " + lastConfirmed + " events before the deadline");

            long stored = db.database().dsl().fetchCount(db.database().dsl().selectFrom("telemetry_events"));
            assertTrue(stored >= lastConfirmed, "stored " + stored + " < confirmed " + lastConfirmed);
        }
    }
}
