package io.buildfactory.domain.repositories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Ulid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A mirror's schedule: due at once, an interval after a success, a doubling backoff after failures. */
class MirrorTest {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    static Mirror mirror(Duration interval) {
        return Mirror.create(
                new MirrorId(Ulid.parse("id", "01JQBF00000000000000000001")),
                new RepositoryId(Ulid.parse("id", "01JQBF00000000000000000002")),
                new RemoteUrl("https://git.example.com/factory.git"),
                MirrorDirection.PULL,
                interval,
                true,
                new FencingToken(1),
                new UserId(Ulid.parse("id", "01JQBF00000000000000000003")),
                T0);
    }

    @Test
    void a_new_mirror_is_due_at_once_and_a_success_schedules_the_next_an_interval_on() {
        Mirror m = mirror(Duration.ofMinutes(5));
        assertEquals(T0, m.nextSyncAt());
        assertEquals(MirrorStatus.PENDING, m.status());
        Mirror synced = m.synced(new Mirror.SyncChanges(2, 0), T0.plusSeconds(3));
        assertEquals(MirrorStatus.SYNCED, synced.status());
        assertEquals(T0.plusSeconds(3).plus(Duration.ofMinutes(5)), synced.nextSyncAt());
        assertEquals(Optional.of(T0.plusSeconds(3)), synced.lastSuccessAt());
    }

    @Test
    void failures_back_off_doubling_up_to_a_day_and_the_first_success_resets_them() {
        Mirror m = mirror(Duration.ofMinutes(5));
        List<Duration> delays = List.of(10, 20, 40, 80, 160, 320, 640, 1280, 1440, 1440).stream()
                .map(Duration::ofMinutes)
                .toList();
        Instant now = T0;
        for (Duration expected : delays) {
            m = m.failed("remote hung up", now);
            assertEquals(now.plus(expected), m.nextSyncAt(), "after " + m.consecutiveFailures() + " failures");
            now = m.nextSyncAt();
        }
        assertEquals(10, m.consecutiveFailures());
        assertEquals(Optional.of("remote hung up"), m.lastError());
        assertEquals(Optional.empty(), m.lastSuccessAt());
        Mirror back = m.synced(Mirror.SyncChanges.NONE, now);
        assertEquals(0, back.consecutiveFailures());
        assertEquals(Optional.empty(), back.lastError());
        assertEquals(now.plus(Duration.ofMinutes(5)), back.nextSyncAt());
        assertEquals(Duration.ofDays(7), Mirror.backoff(Duration.ofDays(7), 3), "a week's interval is its own cap");
        assertEquals(Duration.ofHours(24), Mirror.backoff(Duration.ofMinutes(1), 1_000), "no overflow");
    }

    @Test
    void new_settings_reschedule_from_the_last_sync_and_a_long_error_is_cut() {
        Mirror synced = mirror(Duration.ofHours(1)).synced(Mirror.SyncChanges.NONE, T0);
        Mirror sooner =
                synced.withSettings(Duration.ofMinutes(10), false, true, new FencingToken(2), T0.plusSeconds(5));
        assertEquals(T0.plus(Duration.ofMinutes(10)), sooner.nextSyncAt());
        assertEquals(2, sooner.version());
        assertEquals(new FencingToken(2), sooner.writtenUnder());
        Mirror failed = mirror(Duration.ofMinutes(1)).failed("x".repeat(10_000), T0);
        assertEquals(Mirror.MAX_ERROR_LENGTH, failed.lastError().orElseThrow().length());
        assertThrows(InvalidInputException.class, () -> Mirror.interval(Duration.ofSeconds(59)));
        assertThrows(InvalidInputException.class, () -> Mirror.interval(Duration.ofDays(8)));
        assertFalse(failed.syncingAt(T0));
    }

    @Test
    void a_remote_is_an_https_git_or_file_url_without_credentials() {
        assertTrue(new RemoteUrl("file:///srv/git/x.git").local());
        assertFalse(new RemoteUrl("git://git.example.com/x.git").local());
        for (String bad : List.of(
                "https://bot:secret@git.example.com/x.git",
                "https://token@git.example.com/x.git",
                "ssh://git@git.example.com/x.git",
                "http://git.example.com/x.git",
                "git@git.example.com:x.git",
                "file://host/x.git",
                "https:///x.git",
                "https://git.example.com/x.git?token=1",
                "not a url",
                " ")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> new RemoteUrl(bad), bad);
            assertEquals("remoteUrl", refused.field(), bad);
        }
    }
}
