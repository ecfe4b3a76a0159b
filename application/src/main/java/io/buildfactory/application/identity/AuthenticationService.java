package io.buildfactory.application.identity;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.identity.port.in.AuthenticateUseCase;
import io.buildfactory.application.identity.port.in.ChangePasswordUseCase;
import io.buildfactory.application.identity.port.in.DescribeSessionUseCase;
import io.buildfactory.application.identity.port.in.LogInUseCase;
import io.buildfactory.application.identity.port.in.LogOutEverywhereUseCase;
import io.buildfactory.application.identity.port.in.LogOutUseCase;
import io.buildfactory.application.identity.port.in.SweepExpiredSessionsUseCase;
import io.buildfactory.application.identity.port.out.ApiTokenRepository;
import io.buildfactory.application.identity.port.out.LoginThrottleRepository;
import io.buildfactory.application.identity.port.out.PasswordHasher;
import io.buildfactory.application.identity.port.out.Principals;
import io.buildfactory.application.identity.port.out.RoleRepository;
import io.buildfactory.application.identity.port.out.SessionRepository;
import io.buildfactory.application.identity.port.out.UserRepository;
import io.buildfactory.application.shared.VersionedCache;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.identity.ApiToken;
import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.LoginThrottle;
import io.buildfactory.domain.identity.PasswordPolicy;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.SessionEndReason;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.SessionPolicy;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserKind;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.TooManyAttemptsException;
import io.buildfactory.domain.shared.UnauthenticatedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Logging in and out, recognising bearer tokens, password changes and the expiry sweep. */
public final class AuthenticationService
        implements LogInUseCase,
                AuthenticateUseCase,
                LogOutUseCase,
                LogOutEverywhereUseCase,
                DescribeSessionUseCase,
                ChangePasswordUseCase,
                SweepExpiredSessionsUseCase {

    static final String BAD_CREDENTIALS = "invalid email or password";

    private final UserRepository users;
    private final RoleRepository roles;
    private final SessionRepository sessions;
    private final ApiTokenRepository apiTokens;
    private final LoginThrottleRepository throttles;
    private final PasswordHasher passwords;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;
    private final Secrets secrets;
    private final SessionPolicy policy;

    private final Principals principals;

    /**
     * Every authenticated request asks who its credential is: the answers are kept while no credential, user,
     * role or grant has changed anywhere ({@link Principals#version()}), so a revocation is refused on the very
     * next request, on this server and every other one sharing the database.
     */
    private final VersionedCache<TokenHash, Principals.Principal<Session>> bySession;

    private final VersionedCache<TokenHash, Principals.Principal<ApiToken>> byApiToken;
    /** The user and their roles, as {@code GET /api/auth/session} shows them. */
    private final VersionedCache<UserId, Profile> profiles;

    private record Profile(User user, List<Role> roles) {}

    /**
     * Sessions as {@code GET /api/auth/session} shows them. Recording a use moves no version, so this server
     * forgets its copy when it records one; another server's copy may show an idle expiry up to one touch
     * interval early, never a session that has ended.
     */
    private final VersionedCache<SessionId, Session> sessionsById;

    /** Principals kept per kind; past this the cache starts over (about 2 KB each). */
    static final int CACHE_CAPACITY = 10_000;

    public AuthenticationService(
            UserRepository users,
            RoleRepository roles,
            SessionRepository sessions,
            ApiTokenRepository apiTokens,
            LoginThrottleRepository throttles,
            PasswordHasher passwords,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            RandomGenerator random,
            SessionPolicy policy,
            Principals principals) {
        this.users = users;
        this.roles = roles;
        this.sessions = sessions;
        this.apiTokens = apiTokens;
        this.throttles = throttles;
        this.passwords = passwords;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
        this.secrets = new Secrets(random);
        this.policy = policy;
        this.principals = principals;
        this.bySession = new VersionedCache<>(principals::version, CACHE_CAPACITY);
        this.byApiToken = new VersionedCache<>(principals::version, CACHE_CAPACITY);
        this.profiles = new VersionedCache<>(principals::version, CACHE_CAPACITY);
        this.sessionsById = new VersionedCache<>(principals::version, CACHE_CAPACITY);
    }

    @Override
    public Login logIn(Credentials credentials, RequestContext request) {
        EmailAddress email = new EmailAddress(credentials.email());
        if (credentials.password() == null || credentials.password().isEmpty()) {
            throw new InvalidInputException("password", "must not be empty");
        }
        Instant now = clock.instant();
        String accountKey = "account:" + TokenHash.of(email.canonical()).hex();
        String addressKey = "address:" + request.clientAddress().orElse("unknown");
        Optional<Duration> wait = longest(
                waitFor(accountKey, LoginThrottle.PER_ACCOUNT, now),
                waitFor(addressKey, LoginThrottle.PER_ADDRESS, now));
        if (wait.isPresent()) {
            transactions.inTransaction(() -> audit.record(
                    new AuditTrail.Entry(
                            AuditActor.ANONYMOUS,
                            AuditAction.AUTH_LOGIN,
                            AuditTarget.unknownUser(),
                            AuditOutcome.DENIED,
                            Map.of("reason", "throttled")),
                    request));
            throw new TooManyAttemptsException(wait.get());
        }

        Optional<User> user = users.findByEmail(email);
        // Always hash, even for an unknown email: the time taken must not tell whether an account exists.
        boolean matches = passwords.verify(credentials.password(), user.flatMap(User::passwordHash));
        if (!matches || user.isEmpty() || !user.get().isActive() || user.get().kind() != UserKind.HUMAN) {
            transactions.inTransaction(() -> {
                throttles.save(accountKey, LoginThrottle.PER_ACCOUNT.fail(record(accountKey, now), now));
                throttles.save(addressKey, LoginThrottle.PER_ADDRESS.fail(record(addressKey, now), now));
                audit.record(
                        new AuditTrail.Entry(
                                user.map(u -> AuditActor.of(u.id())).orElse(AuditActor.ANONYMOUS),
                                AuditAction.AUTH_LOGIN,
                                user.map(u -> AuditTarget.user(u.id())).orElseGet(AuditTarget::unknownUser),
                                AuditOutcome.FAILED,
                                Map.of("reason", "invalid-credentials")),
                        request);
            });
            telemetry.emit(ServerEvent.AUTH_LOGIN_FAILED, Optional.empty(), user.map(User::id), request, Map.of());
            throw new UnauthenticatedException(BAD_CREDENTIALS);
        }

        User subject = user.get();
        String token = secrets.newSecret(Secrets.SESSION_PREFIX);
        Session session = policy.open(
                new SessionId(ids.next()),
                subject.id(),
                Secrets.hash(token),
                now,
                request.clientAddress(),
                request.userAgent());
        transactions.inTransaction(() -> {
            sessions.insert(session);
            throttles.clear(accountKey);
            audit.record(
                    new AuditTrail.Entry(
                            AuditActor.of(subject.id()),
                            AuditAction.AUTH_LOGIN,
                            AuditTarget.session(session.id()),
                            AuditOutcome.SUCCESS,
                            Map.of()),
                    request);
        });
        telemetry.emit(
                ServerEvent.AUTH_LOGIN,
                Optional.of(session.id().toString()),
                Optional.of(subject.id()),
                request,
                Map.of("idleTimeoutSeconds", policy.idleTimeout().toSeconds()));
        return new Login(token, session, subject);
    }

    private Optional<Duration> waitFor(String key, LoginThrottle throttle, Instant now) {
        return throttles.find(key).flatMap(r -> throttle.waitAt(r, now));
    }

    private LoginThrottle.Record record(String key, Instant now) {
        return throttles.find(key).orElse(LoginThrottle.Record.none(now));
    }

    private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    @Override
    public Actor authenticate(String token, RequestContext request) {
        if (token == null || token.isBlank()) {
            throw new UnauthenticatedException();
        }
        Instant now = clock.instant();
        if (token.startsWith(Secrets.SESSION_PREFIX)) {
            TokenHash hash = Secrets.hash(token);
            Principals.Principal<Session> principal = bySession
                    .get(
                            hash,
                            p -> p.credential().isValidAt(now) && p.user().isActive(),
                            principals::bySessionTokenHash)
                    .orElseThrow(UnauthenticatedException::new);
            Session session = principal.credential();
            policy.touch(session, now).ifPresent(idle -> {
                sessions.touch(session.id(), now, idle);
                bySession.forget(hash); // the next request reads the later idle expiry
                sessionsById.forget(session.id());
            });
            return new Actor(
                    principal.user().id(),
                    principal.permissions(),
                    new Actor.Credential.ViaSession(session.id()),
                    request);
        }
        if (token.startsWith(Secrets.API_TOKEN_PREFIX)) {
            TokenHash hash = Secrets.hash(token);
            Principals.Principal<ApiToken> principal = byApiToken
                    .get(hash, p -> p.credential().isValidAt(now) && p.user().isActive(), principals::byApiTokenHash)
                    .orElseThrow(UnauthenticatedException::new);
            ApiToken apiToken = principal.credential();
            if (apiToken.lastUsedAt()
                    .map(last -> Duration.between(last, now).compareTo(policy.touchInterval()) >= 0)
                    .orElse(true)) {
                apiTokens.touch(apiToken.id(), now);
                byApiToken.forget(hash); // the kept copy still has the earlier last use
            }
            return new Actor(
                    principal.user().id(),
                    principal.permissions(),
                    new Actor.Credential.ViaApiToken(apiToken.id()),
                    request);
        }
        throw new UnauthenticatedException();
    }

    /** The user, still there and active (authentication reads it with the credential, through Principals). */
    private User activeUser(UserId id) {
        return users.findById(id).filter(User::isActive).orElseThrow(UnauthenticatedException::new);
    }

    @Override
    public void logOut(Actor actor) {
        SessionId session = sessionOf(actor);
        transactions.inTransaction(() -> {
            sessions.end(session, clock.instant(), SessionEndReason.LOGOUT);
            audit.success(actor, AuditAction.AUTH_LOGOUT, AuditTarget.session(session), Map.of());
        });
        telemetry.emit(
                ServerEvent.AUTH_LOGOUT,
                Optional.of(session.toString()),
                Optional.of(actor.userId()),
                actor.request(),
                Map.of());
    }

    @Override
    public int logOutEverywhere(Actor actor) {
        int ended = transactions.inTransaction(() -> {
            int count =
                    sessions.endAllOf(actor.userId(), Optional.empty(), clock.instant(), SessionEndReason.LOGOUT_ALL);
            audit.success(
                    actor,
                    AuditAction.AUTH_LOGOUT_ALL,
                    AuditTarget.user(actor.userId()),
                    Map.of("sessions", Integer.toString(count)));
            return count;
        });
        telemetry.emit(
                ServerEvent.AUTH_LOGOUT_ALL,
                currentSession(actor).map(SessionId::toString),
                Optional.of(actor.userId()),
                actor.request(),
                Map.of("sessions", ended));
        return ended;
    }

    @Override
    public SessionInfo describe(Actor actor) {
        Profile profile = profiles.get(
                        actor.userId(),
                        p -> p.user().isActive(),
                        id -> users.findById(id).map(user -> new Profile(user, roles.rolesOf(id))))
                .orElseThrow(UnauthenticatedException::new);
        return new SessionInfo(
                profile.user(),
                profile.roles(),
                actor.permissions(),
                currentSession(actor).flatMap(id -> {
                    Instant now = clock.instant();
                    return sessionsById.get(id, session -> session.isValidAt(now), sessions::findById);
                }));
    }

    @Override
    public void changePassword(Actor actor, String currentPassword, String newPassword) {
        User user = activeUser(actor.userId());
        if (user.passwordHash().isEmpty()) {
            throw new RuleViolationException("password-login", "this account signs in with API tokens, not a password");
        }
        if (currentPassword == null || !passwords.verify(currentPassword, user.passwordHash())) {
            transactions.inTransaction(() -> audit.record(
                    new AuditTrail.Entry(
                            AuditActor.of(actor),
                            AuditAction.AUTH_PASSWORD_CHANGE,
                            AuditTarget.user(user.id()),
                            AuditOutcome.DENIED,
                            Map.of("reason", "wrong-current-password")),
                    actor.request()));
            throw new InvalidInputException("currentPassword", "is not your current password");
        }
        try {
            PasswordPolicy.check(newPassword, user.email());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("newPassword", e.reason()); // name the field the caller sent
        }
        Instant now = clock.instant();
        User changed = user.withPassword(passwords.hash(newPassword), now);
        int ended = transactions.inTransaction(() -> {
            users.update(changed);
            int count = sessions.endAllOf(user.id(), currentSession(actor), now, SessionEndReason.PASSWORD_CHANGED);
            audit.success(
                    actor,
                    AuditAction.AUTH_PASSWORD_CHANGE,
                    AuditTarget.user(user.id()),
                    Map.of("otherSessionsEnded", Integer.toString(count)));
            return count;
        });
        telemetry.emit(
                ServerEvent.AUTH_PASSWORD_CHANGED,
                currentSession(actor).map(SessionId::toString),
                Optional.of(user.id()),
                actor.request(),
                Map.of("otherSessionsEnded", ended));
    }

    @Override
    public int sweep(int limit) {
        Instant now = clock.instant();
        RequestContext request = RequestContext.system(ids.next().value());
        int ended = 0;
        for (Session session : sessions.findExpired(now, limit)) {
            boolean endedNow = transactions.inTransaction(() -> {
                if (!sessions.end(session.id(), now, SessionEndReason.EXPIRED)) {
                    return false; // ended meanwhile by a logout or another sweeper
                }
                audit.record(
                        new AuditTrail.Entry(
                                AuditActor.SYSTEM,
                                AuditAction.AUTH_SESSION_EXPIRED,
                                AuditTarget.session(session.id()),
                                AuditOutcome.SUCCESS,
                                Map.of("userId", session.userId().toString())),
                        request);
                return true;
            });
            if (endedNow) {
                ended++;
                telemetry.emit(
                        ServerEvent.AUTH_SESSION_EXPIRED,
                        Optional.of(session.id().toString()),
                        Optional.of(session.userId()),
                        request,
                        Map.of());
            }
        }
        // Ended sessions are kept a week for "who was logged in" questions, then removed.
        transactions.inTransaction(() -> sessions.deleteEndedBefore(now.minus(Duration.ofDays(7)), limit));
        return ended;
    }

    private static Optional<SessionId> currentSession(Actor actor) {
        return actor.credential() instanceof Actor.Credential.ViaSession via
                ? Optional.of(via.sessionId())
                : Optional.empty();
    }

    private static SessionId sessionOf(Actor actor) {
        return currentSession(actor)
                .orElseThrow(() -> new RuleViolationException(
                        "logout-needs-session",
                        "an API token is not a session: revoke the token instead of logging out"));
    }
}
