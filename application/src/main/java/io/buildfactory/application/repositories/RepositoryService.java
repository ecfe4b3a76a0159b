package io.buildfactory.application.repositories;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.repositories.port.in.HoldLeaseUseCase;
import io.buildfactory.application.repositories.port.in.ManageRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.ViewRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.WriteUnderLeaseUseCase;
import io.buildfactory.application.repositories.port.out.CodeRepositories;
import io.buildfactory.application.repositories.port.out.LeaseRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Lease;
import io.buildfactory.domain.repositories.LeaseHeldException;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.Visibility;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Repositories and their leases. A grant, a release and a fenced write each check and change in one transaction,
 * with their audit entry; a refusal is audited as denied in a transaction of its own that commits, then thrown, so
 * the record of a refused attempt survives the refusal.
 */
public final class RepositoryService
        implements ManageRepositoriesUseCase, HoldLeaseUseCase, ViewRepositoriesUseCase, WriteUnderLeaseUseCase {

    private final RepositoryAccess access;
    private final CodeRepositories repositories;
    private final LeaseRepository leases;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;
    private final LeaseFence fence;

    public RepositoryService(
            ProjectAccess access,
            CodeRepositories repositories,
            LeaseRepository leases,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        this.access = new RepositoryAccess(access, repositories);
        this.repositories = repositories;
        this.leases = leases;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
        this.fence = new LeaseFence(leases, audit);
    }

    private Instant now() {
        return Timestamps.stored(clock.instant());
    }

    @Override
    public CodeRepository create(Actor actor, ProjectKey key, NewRepository request) {
        Project project = access.project(actor, key, Permissions.REPOSITORY_WRITE);
        CodeRepository repository = CodeRepository.create(
                new RepositoryId(ids.next()),
                project.id(),
                request.name(),
                request.defaultBranch() == null ? "main" : request.defaultBranch(),
                request.visibility() == null ? Visibility.PRIVATE : request.visibility(),
                request.storageLocation(),
                now());
        transactions.inTransaction(() -> {
            repositories.insert(repository);
            audit.success(
                    actor,
                    AuditAction.REPOSITORY_CREATE,
                    AuditTarget.repository(repository.id()),
                    Map.of("project", key.value(), "name", repository.name()));
        });
        telemetry.emit(ServerEvent.REPOSITORY_CREATED, actor, Map.of("project", key.value()));
        return repository;
    }

    @Override
    public CodeRepository changeSettings(
            Actor actor,
            RepositoryId id,
            FencingToken token,
            Optional<String> defaultBranch,
            Optional<Visibility> visibility,
            long version) {
        ProjectKey key = access.require(actor, id, Permissions.REPOSITORY_WRITE).key();
        LeaseFence.Outcome<CodeRepository> outcome = transactions.inTransaction(() -> {
            return fence.underLease(actor, id, token, AuditAction.REPOSITORY_UPDATE, this::now, () -> {
                Instant now = now();
                CodeRepository current =
                        repositories.find(id).orElseThrow(() -> new NotFoundException("repository", id));
                if (current.version() != version) {
                    throw ConflictException.staleVersion("repository", id, version);
                }
                CodeRepository changed = current.withSettings(
                        defaultBranch.orElse(current.defaultBranch()), visibility.orElse(current.visibility()), now);
                repositories.update(changed);
                audit.success(
                        actor,
                        AuditAction.REPOSITORY_UPDATE,
                        AuditTarget.repository(id),
                        Map.of("token", token.toString(), "version", Long.toString(changed.version())));
                return changed;
            });
        });
        return outcome.orThrow(refusal -> refused(actor, key, refusal));
    }

    // ---- the lease ----

    @Override
    public Lease acquire(Actor actor, RepositoryId id) {
        ProjectKey key = access.require(actor, id, Permissions.REPOSITORY_WRITE).key();
        Lease lease =
                transactions.inTransaction(() -> grant(actor, id)).orThrow(refusal -> refused(actor, key, refusal));
        granted(actor, key, lease);
        return lease;
    }

    /**
     * In a transaction: grants the lease to {@code actor} if it is free, decided on the locked row read after the
     * lock wait, so that no grant can come or go in between; a held lease is refused, audited as denied.
     */
    private LeaseFence.Outcome<Lease> grant(Actor actor, RepositoryId id) {
        Optional<Lease> locked = leases.lockCurrent(id, now());
        Instant now = now();
        Optional<Lease> current = locked.filter(lease -> lease.heldAt(now));
        if (current.isPresent()) {
            LeaseHeldException held = LeaseHeldException.held(current.get());
            fence.denied(actor, AuditAction.LEASE_ACQUIRE, id, Optional.empty(), held);
            return LeaseFence.Outcome.refused(held);
        }
        // a grant that ran out unreleased is recorded before the next one overwrites it
        leases.expiredUnrecorded(id, now).ifPresent(expired -> recordExpiry(expired, now, actor.request()));
        Lease granted = leases.acquire(id, actor.userId(), now)
                // deleted meanwhile: a free lease is always granted
                .orElseThrow(() -> new NotFoundException("repository", id));
        audit.success(
                actor,
                AuditAction.LEASE_ACQUIRE,
                AuditTarget.repository(id),
                Map.of(
                        "token", granted.token().toString(),
                        "expiresAt", granted.expiresAt().toString()));
        return LeaseFence.Outcome.of(granted);
    }

    private void granted(Actor actor, ProjectKey key, Lease lease) {
        telemetry.emit(
                ServerEvent.LEASE_ACQUIRED,
                actor,
                Map.of("project", key.value(), "token", lease.token().value()));
    }

    // ---- other contexts' writes under the lease, inside their transaction ----

    @Override
    public void check(Actor actor, ProjectKey project, RepositoryId id) {
        ProjectKey key = access.require(actor, id, Permissions.REPOSITORY_WRITE).key();
        if (!key.equals(project)) {
            throw new InvalidInputException("repositoryId", "names no repository of project " + project);
        }
    }

    @Override
    public Decision take(Actor actor, ProjectKey project, RepositoryId id) {
        check(actor, project, id);
        LeaseFence.Outcome<Lease> outcome = transactions.inTransaction(() -> grant(actor, id));
        return outcome.refusal() == null ? Decision.granted(outcome.value()) : Decision.refused(outcome.refusal());
    }

    @Override
    public Optional<RuleViolationException> fence(
            Actor actor, RepositoryId id, FencingToken token, AuditAction action) {
        access.require(actor, id, Permissions.REPOSITORY_WRITE);
        LeaseFence.Outcome<Boolean> outcome =
                transactions.inTransaction(() -> fence.underLease(actor, id, token, action, this::now, () -> true));
        return Optional.ofNullable(outcome.refusal());
    }

    @Override
    public boolean releaseIfHeld(Actor actor, RepositoryId id, FencingToken token) {
        return transactions.inTransaction(() -> {
            if (!leases.release(id, actor.userId(), token, now())) {
                return false;
            }
            audit.success(
                    actor, AuditAction.LEASE_RELEASE, AuditTarget.repository(id), Map.of("token", token.toString()));
            return true;
        });
    }

    @Override
    public void release(Actor actor, RepositoryId id, FencingToken token) {
        ProjectKey key = access.require(actor, id, Permissions.REPOSITORY_WRITE).key();
        LeaseFence.Outcome<Boolean> outcome = transactions.inTransaction(() -> {
            Instant now = now();
            if (leases.release(id, actor.userId(), token, now)) {
                audit.success(
                        actor,
                        AuditAction.LEASE_RELEASE,
                        AuditTarget.repository(id),
                        Map.of("token", token.toString()));
                return LeaseFence.Outcome.of(true);
            }
            RuleViolationException refused = leases.current(id, now)
                    .<RuleViolationException>map(current -> LeaseHeldException.fenced(current, token))
                    .orElseGet(() -> LeaseFence.notHeld(token));
            fence.denied(actor, AuditAction.LEASE_RELEASE, id, Optional.of(token), refused);
            return LeaseFence.Outcome.<Boolean>refused(refused);
        });
        outcome.orThrow(refusal -> refused(actor, key, refusal));
        telemetry.emit(ServerEvent.LEASE_RELEASED, actor, Map.of("project", key.value(), "token", token.value()));
    }

    @Override
    public int recordExpiries() {
        int recorded = 0;
        for (Lease expired : leases.expiredUnrecorded(now(), EXPIRY_BATCH)) {
            RequestContext request = RequestContext.system(ids.next().value());
            boolean done = transactions.inTransaction(() -> recordExpiry(expired, now(), request));
            if (done) {
                recorded++;
                access.keyOf(expired.repository())
                        .ifPresent(key -> telemetry.emit(
                                ServerEvent.LEASE_EXPIRED,
                                Optional.empty(),
                                Optional.empty(),
                                request,
                                Map.of(
                                        "project",
                                        key.value(),
                                        "token",
                                        expired.token().value())));
            }
        }
        return recorded;
    }

    static final int EXPIRY_BATCH = 500;

    /** Records the grant's expiry once, audited as the system's; false when another server recorded it first. */
    private boolean recordExpiry(Lease expired, Instant now, RequestContext request) {
        if (!leases.recordExpiry(expired.repository(), expired.token(), now)) {
            return false;
        }
        audit.record(
                new AuditTrail.Entry(
                        AuditActor.SYSTEM,
                        AuditAction.LEASE_EXPIRE,
                        AuditTarget.repository(expired.repository()),
                        AuditOutcome.SUCCESS,
                        Map.of(
                                "holder", expired.holder().toString(),
                                "token", expired.token().toString(),
                                "expiresAt", expired.expiresAt().toString())),
                request);
        return true;
    }

    private void refused(Actor actor, ProjectKey key, RuleViolationException refusal) {
        telemetry.emit(ServerEvent.LEASE_REFUSED, actor, Map.of("project", key.value(), "rule", refusal.rule()));
    }

    // ---- reads ----

    @Override
    public CodeRepository repository(Actor actor, RepositoryId id) {
        return access.require(actor, id, Permissions.REPOSITORY_READ).repository();
    }

    @Override
    public Page<CodeRepository> repositories(Actor actor, ProjectKey key, PageRequest page) {
        Project project = access.project(actor, key, Permissions.REPOSITORY_READ);
        return repositories.list(project.id(), page);
    }

    @Override
    public LeaseState lease(Actor actor, RepositoryId id) {
        repository(actor, id);
        LeaseRepository.Standing standing = leases.standing(id, now());
        return new LeaseState(id, standing.held(), standing.lastToken());
    }
}
