package io.buildfactory.application.identity.port.out;

import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.SessionEndReason;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Login sessions, found by the hash of their token. */
public interface SessionRepository {

    void insert(Session session);

    Optional<Session> findById(SessionId id);

    Optional<Session> findByTokenHash(TokenHash hash);

    /** Records activity: moves the idle deadline (never past the absolute one). */
    void touch(SessionId id, Instant seenAt, Instant idleExpiresAt);

    /** Ends one session. @return whether it was still open */
    boolean end(SessionId id, Instant at, SessionEndReason reason);

    /** Ends every open session of the user except {@code keep}, if given. @return how many were ended */
    int endAllOf(UserId user, Optional<SessionId> keep, Instant at, SessionEndReason reason);

    /** Open sessions of the user that are still valid at {@code now}, newest first. */
    List<Session> validSessionsOf(UserId user, Instant now);

    /** Sessions past their idle or absolute deadline at {@code now} and not yet ended, at most {@code limit}. */
    List<Session> findExpired(Instant now, int limit);

    /** Removes sessions that ended before {@code before}, at most {@code limit}. @return how many */
    int deleteEndedBefore(Instant before, int limit);
}
