package io.buildfactory.application.identity;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.identity.port.in.BootstrapAdminUseCase;
import io.buildfactory.application.identity.port.in.CreateUserUseCase;
import io.buildfactory.application.identity.port.in.GetUserUseCase;
import io.buildfactory.application.identity.port.in.ListUsersUseCase;
import io.buildfactory.application.identity.port.in.ManageApiTokensUseCase;
import io.buildfactory.application.identity.port.in.ManageIdentityLinksUseCase;
import io.buildfactory.application.identity.port.in.UpdateUserUseCase;
import io.buildfactory.application.identity.port.out.ApiTokenRepository;
import io.buildfactory.application.identity.port.out.PasswordHasher;
import io.buildfactory.application.identity.port.out.RoleRepository;
import io.buildfactory.application.identity.port.out.SessionRepository;
import io.buildfactory.application.identity.port.out.UserRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.identity.ApiToken;
import io.buildfactory.domain.identity.ApiTokenId;
import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.IdentityLink;
import io.buildfactory.domain.identity.IdentityLinkId;
import io.buildfactory.domain.identity.PasswordHash;
import io.buildfactory.domain.identity.PasswordPolicy;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.Role;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.SessionEndReason;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserKind;
import io.buildfactory.domain.identity.UserStatus;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.RuleViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Users, their identity links and agents' API tokens, as administrators (and users themselves) manage them. */
public final class UserAdministration
        implements CreateUserUseCase,
                BootstrapAdminUseCase,
                ListUsersUseCase,
                GetUserUseCase,
                UpdateUserUseCase,
                ManageIdentityLinksUseCase,
                ManageApiTokensUseCase {

    private final UserRepository users;
    private final RoleRepository roles;
    private final LastAdministrator lastAdministrator;
    private final SessionRepository sessions;
    private final ApiTokenRepository apiTokens;
    private final PasswordHasher passwords;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;
    private final Secrets secrets;

    public UserAdministration(
            UserRepository users,
            RoleRepository roles,
            SessionRepository sessions,
            ApiTokenRepository apiTokens,
            PasswordHasher passwords,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            RandomGenerator random) {
        this.users = users;
        this.roles = roles;
        this.lastAdministrator = new LastAdministrator(roles, users);
        this.sessions = sessions;
        this.apiTokens = apiTokens;
        this.passwords = passwords;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
        this.secrets = new Secrets(random);
    }

    @Override
    public User create(Actor actor, NewUser request) {
        actor.require(Permissions.USER_MANAGE);
        if (!request.roles().isEmpty()) {
            actor.require(Permissions.ROLE_MANAGE);
        }
        User user = register(request, actor.request(), AuditActor.of(actor));
        telemetry.emit(
                ServerEvent.USER_CREATED,
                actor,
                Map.of("kind", user.kind().code(), "roles", request.roles().size()));
        return user;
    }

    @Override
    public Optional<User> createAdmin(
            String email, String password, RoleName role, boolean onlyIfEmpty, RequestContext request) {
        if (onlyIfEmpty && users.any()) {
            return Optional.empty();
        }
        NewUser admin = new NewUser(email, email, UserKind.HUMAN, Optional.ofNullable(password), List.of(role));
        try {
            return Optional.of(register(admin, request, AuditActor.SYSTEM));
        } catch (ConflictException duplicate) {
            if (onlyIfEmpty && users.any()) {
                return Optional.empty(); // servers started together: another one made the first administrator
            }
            throw duplicate;
        }
    }

    /** Checks, hashes (outside the transaction: it is slow) and stores the user with their roles, audited. */
    private User register(NewUser request, RequestContext context, AuditActor auditActor) {
        if (request.kind() == null) {
            throw new InvalidInputException("kind", "must be one of human, agent");
        }
        EmailAddress email = new EmailAddress(request.email());
        Optional<PasswordHash> hash = switch (request.kind()) {
            case HUMAN -> {
                PasswordPolicy.check(request.password().orElse(null), email);
                yield Optional.of(passwords.hash(request.password().get()));
            }
            case AGENT -> {
                if (request.password().isPresent()) {
                    throw new InvalidInputException("password", "agents have no password; issue them an API token");
                }
                yield Optional.empty();
            }
        };
        List<Role> granted = request.roles().stream()
                .map(name -> roles.findByName(name)
                        .orElseThrow(
                                () -> new InvalidInputException("roles", "names a role that does not exist: " + name)))
                .toList();
        Instant now = clock.instant();
        User registered = User.register(
                new UserId(ids.next()),
                email,
                request.displayName() == null ? email.value() : request.displayName(),
                request.kind(),
                now);
        User user = hash.map(h -> registered.withPassword(h, now)).orElse(registered);
        transactions.inTransaction(() -> {
            users.insert(user);
            granted.forEach(role -> roles.assign(user.id(), role.id(), now));
            audit.record(
                    new AuditTrail.Entry(
                            auditActor,
                            AuditAction.USER_CREATE,
                            AuditTarget.user(user.id()),
                            AuditOutcome.SUCCESS,
                            Map.of(
                                    "kind",
                                    user.kind().code(),
                                    "roles",
                                    String.join(
                                            ",",
                                            request.roles().stream()
                                                    .map(RoleName::value)
                                                    .toList()))),
                    context);
        });
        return user;
    }

    @Override
    public Page<User> list(Actor actor, PageRequest page) {
        actor.require(Permissions.USER_READ);
        return users.list(page);
    }

    @Override
    public User get(Actor actor, UserId id) {
        return visible(actor, id);
    }

    /** The user, if the actor may see them: themselves, or anyone with the read permission. Else not found. */
    private User visible(Actor actor, UserId id) {
        if (!actor.is(id) && !actor.holds(Permissions.USER_READ)) {
            throw new NotFoundException("user", id);
        }
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    /** Like {@link #visible}, and the actor may change them: themselves, or with the manage permission. */
    private User manageable(Actor actor, UserId id) {
        User user = visible(actor, id);
        if (!actor.is(id)) {
            actor.require(Permissions.USER_MANAGE);
        }
        return user;
    }

    @Override
    public User update(Actor actor, UserChange change) {
        User current = visible(actor, change.id());
        actor.require(Permissions.USER_MANAGE);
        if (current.version() != change.version()) {
            throw ConflictException.staleVersion("user", change.id(), change.version());
        }
        Instant now = clock.instant();
        User changed = current;
        if (change.displayName().isPresent()) {
            changed = changed.rename(change.displayName().get(), now);
        }
        boolean disabling =
                change.status().filter(s -> s == UserStatus.DISABLED).isPresent() && current.isActive();
        if (change.status().isPresent()) {
            if (disabling && actor.is(current.id())) {
                throw new RuleViolationException("self-disable", "you cannot disable your own account");
            }
            changed = change.status().get() == UserStatus.DISABLED ? changed.disable(now) : changed.enable(now);
        }
        User toStore = changed;
        User stored = transactions.inTransaction(() -> {
            if (disabling) {
                lastAdministrator.refuseLosing(toStore.id(), "the last active administrator cannot be disabled");
            }
            User saved = users.update(toStore);
            if (disabling) {
                sessions.endAllOf(saved.id(), Optional.empty(), now, SessionEndReason.USER_DISABLED);
                apiTokens.revokeAllOf(saved.id(), now);
            }
            audit.success(
                    actor,
                    disabling ? AuditAction.USER_DISABLE : AuditAction.USER_UPDATE,
                    AuditTarget.user(saved.id()),
                    Map.of("status", saved.status().code()));
            return saved;
        });
        telemetry.emit(
                disabling ? ServerEvent.USER_DISABLED : ServerEvent.USER_UPDATED,
                actor,
                Map.of("status", stored.status().code()));
        return stored;
    }

    @Override
    public IdentityLink link(Actor actor, UserId userId, NewLink request) {
        User user = manageable(actor, userId);
        IdentityLink link = new IdentityLink(
                new IdentityLinkId(ids.next()),
                user.id(),
                request.provider(),
                request.subject(),
                request.email().map(EmailAddress::new),
                request.profileJson(),
                clock.instant());
        transactions.inTransaction(() -> {
            users.insertLink(link);
            audit.success(
                    actor,
                    AuditAction.IDENTITY_LINK,
                    AuditTarget.user(user.id()),
                    Map.of("provider", link.provider(), "linkId", link.id().toString()));
        });
        telemetry.emit(ServerEvent.IDENTITY_LINKED, actor, Map.of("provider", link.provider()));
        return link;
    }

    @Override
    public List<IdentityLink> links(Actor actor, UserId user) {
        return users.linksOf(visible(actor, user).id());
    }

    @Override
    public void unlink(Actor actor, UserId userId, IdentityLinkId linkId) {
        User user = manageable(actor, userId);
        IdentityLink link = users.linksOf(user.id()).stream()
                .filter(l -> l.id().equals(linkId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("identity link", linkId));
        transactions.inTransaction(() -> {
            users.deleteLink(link.id());
            audit.success(
                    actor,
                    AuditAction.IDENTITY_UNLINK,
                    AuditTarget.user(user.id()),
                    Map.of("provider", link.provider(), "linkId", link.id().toString()));
        });
        telemetry.emit(ServerEvent.IDENTITY_UNLINKED, actor, Map.of("provider", link.provider()));
    }

    @Override
    public IssuedToken issue(Actor actor, UserId agentId, String name, Optional<Instant> expiresAt) {
        User agent = visible(actor, agentId);
        actor.require(Permissions.USER_MANAGE);
        if (agent.kind() != UserKind.AGENT) {
            throw new RuleViolationException("tokens-for-agents", "API tokens are for agents; people log in");
        }
        Instant now = clock.instant();
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            throw new InvalidInputException("expiresAt", "must be in the future");
        }
        String secret = secrets.newSecret(Secrets.API_TOKEN_PREFIX);
        ApiToken token = new ApiToken(
                new ApiTokenId(ids.next()),
                agent.id(),
                name,
                Secrets.hash(secret),
                now,
                expiresAt,
                Optional.empty(),
                Optional.empty());
        transactions.inTransaction(() -> {
            apiTokens.insert(token);
            audit.success(
                    actor,
                    AuditAction.TOKEN_ISSUE,
                    AuditTarget.apiToken(token.id()),
                    Map.of("agentId", agent.id().toString()));
        });
        telemetry.emit(ServerEvent.TOKEN_ISSUED, actor, Map.of());
        return new IssuedToken(secret, token);
    }

    @Override
    public List<ApiToken> tokens(Actor actor, UserId agent) {
        return apiTokens.tokensOf(manageable(actor, agent).id());
    }

    @Override
    public void revoke(Actor actor, UserId agentId, ApiTokenId tokenId) {
        User agent = manageable(actor, agentId);
        ApiToken token = apiTokens
                .findById(tokenId)
                .filter(t -> t.userId().equals(agent.id()))
                .orElseThrow(() -> new NotFoundException("API token", tokenId));
        transactions.inTransaction(() -> {
            apiTokens.revoke(token.id(), clock.instant());
            audit.success(
                    actor,
                    AuditAction.TOKEN_REVOKE,
                    AuditTarget.apiToken(token.id()),
                    Map.of("agentId", agent.id().toString()));
        });
        telemetry.emit(ServerEvent.TOKEN_REVOKED, actor, Map.of());
    }
}
