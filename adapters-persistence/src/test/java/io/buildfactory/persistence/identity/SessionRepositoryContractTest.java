package io.buildfactory.persistence.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.SessionEndReason;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionRepositoryContractTest extends OnBothEngines {

    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(12);
    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    JooqSessionRepository sessions;
    User user;

    @BeforeEach
    void repository() {
        JooqUserRepository users = new JooqUserRepository(db.database());
        user = fixtures.user();
        users.insert(user);
        sessions = new JooqSessionRepository(db.database());
    }

    @Test
    void session_is_found_by_the_hash_of_its_token_only() {
        Session session = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        sessions.insert(session);
        assertEquals(Optional.of(session), sessions.findByTokenHash(session.tokenHash()));
        assertEquals(Optional.of(session), sessions.findById(session.id()));
        assertEquals(Optional.empty(), sessions.findByTokenHash(TokenHash.of("some other token")));
    }

    @Test
    void the_same_token_hash_cannot_open_two_sessions() {
        Session session = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        sessions.insert(session);
        Session copy = new Session(
                new io.buildfactory.domain.identity.SessionId(fixtures.id()),
                user.id(),
                session.tokenHash(),
                T0,
                T0,
                T0.plus(IDLE),
                T0.plus(ABSOLUTE),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertThrows(ConflictException.class, () -> sessions.insert(copy));
    }

    @Test
    void touch_moves_the_idle_deadline_but_never_past_the_absolute_one() {
        Session session = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        sessions.insert(session);
        Instant later = T0.plus(Duration.ofMinutes(20));
        sessions.touch(session.id(), later, later.plus(IDLE));
        Session touched = sessions.findById(session.id()).orElseThrow();
        assertEquals(later, touched.lastSeenAt());
        assertEquals(later.plus(IDLE), touched.idleExpiresAt());

        Instant nearEnd = T0.plus(ABSOLUTE).minus(Duration.ofMinutes(5));
        sessions.touch(session.id(), nearEnd, nearEnd.plus(IDLE));
        assertEquals(
                T0.plus(ABSOLUTE), sessions.findById(session.id()).orElseThrow().idleExpiresAt());
    }

    @Test
    void an_ended_session_stays_ended_and_records_why() {
        Session session = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        sessions.insert(session);
        assertTrue(sessions.end(session.id(), T0.plusSeconds(60), SessionEndReason.LOGOUT));
        assertFalse(sessions.end(session.id(), T0.plusSeconds(90), SessionEndReason.EXPIRED));
        Session ended = sessions.findById(session.id()).orElseThrow();
        assertEquals(Optional.of(T0.plusSeconds(60)), ended.endedAt());
        assertEquals(Optional.of(SessionEndReason.LOGOUT), ended.endReason());
        assertFalse(ended.isValidAt(T0.plusSeconds(61)));
    }

    @Test
    void ending_all_sessions_of_a_user_can_keep_the_current_one() {
        Session current = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        Session other1 = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        Session other2 = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        List.of(current, other1, other2).forEach(sessions::insert);

        int ended = sessions.endAllOf(
                user.id(), Optional.of(current.id()), T0.plusSeconds(10), SessionEndReason.PASSWORD_CHANGED);
        assertEquals(2, ended);
        assertEquals(List.of(current), sessions.validSessionsOf(user.id(), T0.plusSeconds(11)));
    }

    @Test
    void expired_sessions_are_those_past_their_idle_deadline() {
        Session shortLived = fixtures.session(user.id(), T0, Duration.ofMinutes(1), ABSOLUTE);
        Session longLived = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        sessions.insert(shortLived);
        sessions.insert(longLived);

        assertEquals(List.of(), sessions.findExpired(T0.plusSeconds(59), 10));
        assertEquals(List.of(shortLived), sessions.findExpired(T0.plusSeconds(60), 10));
        assertEquals(List.of(shortLived, longLived), sessions.findExpired(T0.plus(IDLE), 10));
        assertEquals(1, sessions.findExpired(T0.plus(IDLE), 1).size());
    }

    @Test
    void only_sessions_ended_before_the_cut_off_are_deleted_in_bounded_batches() {
        Session a = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        Session b = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        Session open = fixtures.session(user.id(), T0, IDLE, ABSOLUTE);
        List.of(a, b, open).forEach(sessions::insert);
        sessions.end(a.id(), T0.plusSeconds(1), SessionEndReason.LOGOUT);
        sessions.end(b.id(), T0.plusSeconds(2), SessionEndReason.LOGOUT);

        assertEquals(1, sessions.deleteEndedBefore(T0.plusSeconds(10), 1));
        assertEquals(Optional.empty(), sessions.findById(a.id()));
        assertEquals(1, sessions.deleteEndedBefore(T0.plusSeconds(10), 5));
        assertEquals(0, sessions.deleteEndedBefore(T0.plusSeconds(10), 5));
        assertTrue(sessions.findById(open.id()).isPresent());
    }
}
