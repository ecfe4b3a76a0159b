package io.buildfactory.application.repositories;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.repositories.port.in.KeepMirrorsUseCase;
import io.buildfactory.application.repositories.port.in.SyncMirrorsUseCase;
import io.buildfactory.application.repositories.port.out.CodeRepositories;
import io.buildfactory.application.repositories.port.out.GitMirrors;
import io.buildfactory.application.repositories.port.out.LeaseRepository;
import io.buildfactory.application.repositories.port.out.MirrorRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Mirror;
import io.buildfactory.domain.repositories.MirrorId;
import io.buildfactory.domain.repositories.MirrorStatus;
import io.buildfactory.domain.repositories.RemoteUrl;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.SyncClaim;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mirrors: their settings, written under the repository's lease like every other write to it, and their syncs,
 * run by the {@value SyncMirrorsUseCase#JOB} job. A sync is claimed in a transaction of its own, runs outside any
 * transaction (a fetch may take minutes; no connection is held meanwhile), and its outcome is recorded only under
 * the claim that started it, so a sync that outlived its claim cannot overwrite a later one.
 */
public final class MirrorService implements KeepMirrorsUseCase, SyncMirrorsUseCase {

    /**
     * How long a claim lasts unless renewed. A running sync renews it every {@link #RENEW_EVERY}, so a server that
     * died mid-sync holds its mirrors at most this long; a sync whose renewal fails (its claim was lost) stops.
     */
    public static final Duration CLAIM = Duration.ofMinutes(5);

    static final Duration RENEW_EVERY = Duration.ofMinutes(1);

    /** A sync stops (and fails) past this, however its remote trickles data. */
    public static final Duration SYNC_DEADLINE = Duration.ofMinutes(20);

    /** A run of the job starts no new sync after this long, so one run never keeps a worker from other jobs long. */
    static final Duration RUN_BUDGET = Duration.ofMinutes(1);

    private final RepositoryAccess access;
    private final MirrorRepository mirrors;
    private final GitMirrors git;
    private final EnqueueJobUseCase jobs;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;
    private final LeaseFence fence;
    private final boolean localRemotes;

    /** @param localRemotes whether {@code file://} remotes (paths on this server's disk) are allowed */
    public MirrorService(
            ProjectAccess projects,
            CodeRepositories repositories,
            LeaseRepository leases,
            MirrorRepository mirrors,
            GitMirrors git,
            EnqueueJobUseCase jobs,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            boolean localRemotes) {
        this.access = new RepositoryAccess(projects, repositories);
        this.mirrors = mirrors;
        this.git = git;
        this.jobs = jobs;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
        this.fence = new LeaseFence(leases, audit);
        this.localRemotes = localRemotes;
    }

    private Instant now() {
        return Timestamps.stored(clock.instant());
    }

    // ---- settings ----

    @Override
    public Mirror add(Actor actor, RepositoryId id, FencingToken token, NewMirror request) {
        ProjectKey key = access.require(actor, id, Permissions.REPOSITORY_WRITE).key();
        allowed(request.remote());
        Mirror mirror = Mirror.create(
                new MirrorId(ids.next()),
                id,
                request.remote(),
                request.direction(),
                Mirror.interval(request.interval()),
                request.prune(),
                token,
                actor.userId(),
                now());
        Mirror added = transactions
                .inTransaction(() -> fence.underLease(actor, id, token, AuditAction.MIRROR_ADD, this::now, () -> {
                    mirrors.insert(mirror);
                    audit.success(
                            actor,
                            AuditAction.MIRROR_ADD,
                            AuditTarget.repository(id),
                            Map.of(
                                    "mirror", mirror.id().toString(),
                                    "remote", mirror.remote().value(),
                                    "direction", mirror.direction().code(),
                                    "token", token.toString()));
                    wake();
                    return mirror;
                }))
                .orThrow(refusal -> refused(actor, key, refusal));
        changed(actor, key, added, "added");
        return added;
    }

    @Override
    public Mirror change(
            Actor actor, RepositoryId id, MirrorId mirrorId, FencingToken token, Settings settings, long version) {
        ProjectKey key = access.require(actor, id, Permissions.REPOSITORY_WRITE).key();
        settings.interval().ifPresent(Mirror::interval);
        Mirror changed = transactions
                .inTransaction(() -> fence.underLease(actor, id, token, AuditAction.MIRROR_UPDATE, this::now, () -> {
                    // locked: a sync recording its outcome now waits, and this change reads what it recorded
                    Mirror current = mirrors.lock(mirrorId)
                            .filter(m -> m.repository().equals(id))
                            .orElseThrow(() -> new NotFoundException("mirror", mirrorId));
                    if (current.version() != version) {
                        throw ConflictException.staleVersion("mirror", mirrorId, version);
                    }
                    Mirror next = current.withSettings(
                            settings.interval().orElse(current.interval()),
                            settings.prune().orElse(current.prune()),
                            settings.enabled().orElse(current.enabled()),
                            token,
                            now());
                    if (!mirrors.updateSettings(next)) {
                        throw ConflictException.staleVersion("mirror", mirrorId, version);
                    }
                    audit.success(
                            actor,
                            AuditAction.MIRROR_UPDATE,
                            AuditTarget.repository(id),
                            Map.of(
                                    "mirror", mirrorId.toString(),
                                    "intervalSeconds",
                                            Long.toString(next.interval().toSeconds()),
                                    "prune", Boolean.toString(next.prune()),
                                    "enabled", Boolean.toString(next.enabled()),
                                    "token", token.toString()));
                    return next;
                }))
                .orThrow(refusal -> refused(actor, key, refusal));
        changed(actor, key, changed, "changed");
        return changed;
    }

    @Override
    public void remove(Actor actor, RepositoryId id, MirrorId mirrorId, FencingToken token) {
        ProjectKey key = access.require(actor, id, Permissions.REPOSITORY_WRITE).key();
        Mirror removed = transactions
                .inTransaction(() -> fence.underLease(actor, id, token, AuditAction.MIRROR_REMOVE, this::now, () -> {
                    Mirror current = find(id, mirrorId);
                    mirrors.delete(mirrorId);
                    audit.success(
                            actor,
                            AuditAction.MIRROR_REMOVE,
                            AuditTarget.repository(id),
                            Map.of("mirror", mirrorId.toString(), "token", token.toString()));
                    return current;
                }))
                .orThrow(refusal -> refused(actor, key, refusal));
        changed(actor, key, removed, "removed");
    }

    @Override
    public List<Mirror> mirrors(Actor actor, RepositoryId id) {
        access.require(actor, id, Permissions.REPOSITORY_READ);
        return mirrors.ofRepository(id);
    }

    @Override
    public Mirror mirror(Actor actor, RepositoryId id, MirrorId mirrorId) {
        access.require(actor, id, Permissions.REPOSITORY_READ);
        return find(id, mirrorId);
    }

    @Override
    public Mirror syncNow(Actor actor, RepositoryId id, MirrorId mirrorId) {
        ProjectKey key = access.require(actor, id, Permissions.REPOSITORY_WRITE).key();
        Mirror due = transactions.inTransaction(() -> {
            Mirror current = find(id, mirrorId);
            if (!current.enabled()) {
                throw new RuleViolationException("mirror-disabled", "the mirror is disabled: enable it to sync it");
            }
            Instant now = now();
            mirrors.makeDue(mirrorId, now);
            audit.success(
                    actor,
                    AuditAction.MIRROR_SYNC_REQUEST,
                    AuditTarget.repository(id),
                    Map.of("mirror", mirrorId.toString()));
            wake();
            return mirrors.find(mirrorId).orElseThrow();
        });
        changed(actor, key, due, "sync-requested");
        return due;
    }

    private Mirror find(RepositoryId repository, MirrorId id) {
        return mirrors.find(id)
                .filter(m -> m.repository().equals(repository))
                .orElseThrow(() -> new NotFoundException("mirror", id));
    }

    private void allowed(RemoteUrl remote) {
        if (remote.local() && !localRemotes) {
            throw new InvalidInputException(
                    "remoteUrl",
                    "file:// remotes are not allowed on this server (its operator enables them with"
                            + " BF_MIRROR_LOCAL_REMOTES=true)");
        }
    }

    /** Queues a sync run now rather than at the next tick; one queued run serves every mirror that is due. */
    private void wake() {
        jobs.enqueue(new EnqueueJobUseCase.NewJob(JOB, "{}", 0, Optional.empty(), 3, Optional.of(JOB + ".now")));
    }

    private void changed(Actor actor, ProjectKey key, Mirror mirror, String change) {
        telemetry.emit(
                ServerEvent.MIRROR_CHANGED,
                actor,
                Map.of("project", key.value(), "direction", mirror.direction().code(), "change", change));
    }

    private void refused(Actor actor, ProjectKey key, RuleViolationException refusal) {
        telemetry.emit(ServerEvent.LEASE_REFUSED, actor, Map.of("project", key.value(), "rule", refusal.rule()));
    }

    // ---- syncs ----

    @Override
    public Report syncDue(int limit) {
        int synced = 0;
        int failed = 0;
        int lost = 0;
        Instant stopAt = clock.instant().plus(RUN_BUDGET);
        for (int i = 0; i < limit && clock.instant().isBefore(stopAt); i++) {
            SyncClaim claim = new SyncClaim(ids.next());
            Instant claimedAt = now();
            Optional<Mirror> claimed =
                    transactions.inTransaction(() -> mirrors.claimDue(claimedAt, claimedAt.plus(CLAIM), claim));
            if (claimed.isEmpty()) {
                break;
            }
            switch (sync(claimed.get(), claim, claimedAt)) {
                case SYNCED -> synced++;
                case FAILED -> failed++;
                case PENDING -> lost++;
            }
        }
        return new Report(synced, failed, lost);
    }

    /** What a sync came to: the refs it changed, or why it failed. */
    private record Result(Mirror.SyncChanges changes, String error) {}

    /** Syncs one claimed mirror and records how it went; {@code PENDING} when its claim was lost meanwhile. */
    private MirrorStatus sync(Mirror mirror, SyncClaim claim, Instant claimedAt) {
        long started = System.nanoTime();
        Watch watch = new Watch(mirror.id(), claim, claimedAt);
        Result result;
        try {
            allowed(mirror.remote());
            result = new Result(
                    switch (mirror.direction()) {
                        case PULL -> git.pull(mirror.repository(), mirror.remote(), mirror.prune(), watch);
                        case PUSH -> git.push(mirror.repository(), mirror.remote(), mirror.prune(), watch);
                    },
                    null);
        } catch (GitMirrors.SyncFailedException | InvalidInputException e) {
            result = new Result(null, e.getMessage());
        } catch (RuntimeException e) {
            // a fault of ours or of the git library: this mirror backs off, the others go on
            result = new Result(
                    null, "internal error while syncing (" + e.getClass().getSimpleName() + ")");
        }
        Result outcome = result;
        RequestContext request = RequestContext.system(claim.toString());
        Optional<Mirror> recorded =
                transactions.inTransaction(() -> record(mirror, claim, claimedAt, outcome, request));
        if (recorded.isEmpty()) {
            return MirrorStatus.PENDING;
        }
        Mirror after = recorded.get();
        access.keyOf(mirror.repository())
                .ifPresent(key -> telemetry.emit(
                        ServerEvent.MIRROR_SYNCED,
                        Optional.empty(),
                        Optional.empty(),
                        request,
                        Map.of(
                                "project", key.value(),
                                "direction", mirror.direction().code(),
                                "status", after.status().code(),
                                "updated", after.lastChanges().updated(),
                                "deleted", after.lastChanges().deleted(),
                                "durationMs", (System.nanoTime() - started) / 1_000_000)));
        return after.status();
    }

    /**
     * Records the outcome on the mirror as it is now (its settings may have changed during the sync), keeping a
     * sync asked for meanwhile; empty when the claim was lost.
     */
    private Optional<Mirror> record(
            Mirror before, SyncClaim claim, Instant claimedAt, Result result, RequestContext request) {
        Optional<Mirror> locked = mirrors.lock(before.id());
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Mirror current = locked.get();
        Instant now = now();
        Mirror after =
                result.error() == null ? current.synced(result.changes(), now) : current.failed(result.error(), now);
        if (current.nextSyncAt().isAfter(claimedAt)) {
            after = after.dueNoLaterThan(current.nextSyncAt()); // "sync now", or new settings, during the sync
        }
        if (!mirrors.recordSync(after, claim)) {
            return Optional.empty();
        }
        if (noteworthy(current, after)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("mirror", before.id().toString());
            details.put("status", after.status().code());
            details.put("updated", Integer.toString(after.lastChanges().updated()));
            details.put("deleted", Integer.toString(after.lastChanges().deleted()));
            if (result.error() != null) {
                details.put("error", after.lastError().orElse(""));
            }
            audit.record(
                    new AuditTrail.Entry(
                            AuditActor.SYSTEM,
                            AuditAction.MIRROR_SYNC,
                            AuditTarget.repository(before.repository()),
                            after.status() == MirrorStatus.FAILED ? AuditOutcome.FAILED : AuditOutcome.SUCCESS,
                            details),
                    request);
        }
        return Optional.of(after);
    }

    /**
     * Lets a sync go on while it is within its deadline and its claim holds, renewing the claim as it goes: a
     * sync whose claim another server took over stops rather than write the copy alongside it.
     */
    private final class Watch implements GitMirrors.Watch {
        private final MirrorId mirror;
        private final SyncClaim claim;
        private final Instant deadline;
        private Instant renewed;
        private boolean lost;

        Watch(MirrorId mirror, SyncClaim claim, Instant claimedAt) {
            this.mirror = mirror;
            this.claim = claim;
            this.deadline = claimedAt.plus(SYNC_DEADLINE);
            this.renewed = claimedAt;
        }

        @Override
        public boolean goOn() {
            Instant now = clock.instant();
            if (lost || !now.isBefore(deadline)) {
                return false;
            }
            if (!now.isBefore(renewed.plus(RENEW_EVERY))) {
                try {
                    lost = !transactions.inTransaction(() -> mirrors.extendClaim(mirror, claim, now.plus(CLAIM)));
                } catch (RuntimeException e) {
                    // the database is away for now: the claim still runs for a while; try again at the next step
                    return true;
                }
                renewed = now;
            }
            return !lost;
        }
    }

    /**
     * Whether a sync goes into the audit log: one that changed refs, failed, or ended a run of failures. A quiet
     * successful sync every few minutes would bury the entries people look for.
     */
    private static boolean noteworthy(Mirror before, Mirror after) {
        return after.status() == MirrorStatus.FAILED
                || before.status() != after.status()
                || (after.status() == MirrorStatus.SYNCED && after.lastChanges().any());
    }
}
