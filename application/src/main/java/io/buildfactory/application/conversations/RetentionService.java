package io.buildfactory.application.conversations;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.port.in.EnforceRetentionUseCase;
import io.buildfactory.application.conversations.port.in.ForgetUserUseCase;
import io.buildfactory.application.conversations.port.in.ManageRetentionUseCase;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.conversations.port.out.ConversationRepository.Purged;
import io.buildfactory.application.conversations.port.out.ConversationRepository.RetentionCandidate;
import io.buildfactory.application.conversations.port.out.RetentionPolicyRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.StorageScrubber;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Retention;
import io.buildfactory.domain.conversations.RetentionPolicy;
import io.buildfactory.domain.conversations.RetentionPolicyId;
import io.buildfactory.domain.conversations.RetentionRule;
import io.buildfactory.domain.conversations.RetentionScope;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.RuleViolationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retention policies and the purges they, owners' deletions and users' erasures cause. A purge removes content for
 * good and leaves a tombstone in the audit log: ids and counts, nothing else.
 */
public final class RetentionService implements ManageRetentionUseCase, EnforceRetentionUseCase, ForgetUserUseCase {

    /** Why a conversation was purged; recorded in its tombstone. */
    public enum Reason {
        RETENTION,
        DELETED,
        ERASURE;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The rule that applies to a conversation and when it becomes deletable; both empty while it is kept. */
    public record Effective(Optional<RetentionRule> rule, Optional<Instant> deletableAt) {}

    private static final int BATCH = 200;

    private final ConversationRepository conversations;
    private final RetentionPolicyRepository policies;
    private final StorageScrubber scrubber;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;

    public RetentionService(
            ConversationRepository conversations,
            RetentionPolicyRepository policies,
            StorageScrubber scrubber,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        this.conversations = conversations;
        this.policies = policies;
        this.scrubber = scrubber;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
    }

    // ---- policies ----

    @Override
    public List<RetentionPolicy> list(Actor actor) {
        actor.require(Permissions.RETENTION_MANAGE);
        return policies.all();
    }

    @Override
    public RetentionPolicy put(
            Actor actor, RetentionScope scope, String target, Optional<Integer> keepDays, Optional<Long> version) {
        actor.require(Permissions.RETENTION_MANAGE);
        if (scope == null) {
            throw new InvalidInputException("scope", "must be one of global, project, conversation");
        }
        String normalised = RetentionPolicy.normalisedTarget(scope, target);
        RetentionRule rule = keepDays.map(days -> {
                    if (days < 0 || days > RetentionPolicy.MAX_DAYS) {
                        throw new InvalidInputException(
                                "keepDays",
                                "must be from 0 to " + RetentionPolicy.MAX_DAYS + ", or null to keep forever");
                    }
                    return RetentionRule.deleteAfterDays(days);
                })
                .orElse(RetentionRule.keepForever());
        RetentionPolicy saved = transactions.inTransaction(() -> {
            if (scope == RetentionScope.CONVERSATION
                    && conversations.findById(ConversationId.parse(normalised)).isEmpty()) {
                throw new InvalidInputException("target", "names no conversation");
            }
            Instant now = clock.instant();
            Optional<RetentionPolicy> existing = policies.find(scope, normalised);
            RetentionPolicy stored;
            if (existing.isPresent()) {
                long expected = version.orElseThrow(() -> new InvalidInputException(
                        "version", "is required to change the existing policy: send the version you read"));
                if (existing.get().version() != expected) {
                    throw ConflictException.staleVersion(
                            "retention policy", existing.get().id(), expected);
                }
                stored = policies.update(existing.get().withRule(rule, now));
            } else {
                stored = new RetentionPolicy(new RetentionPolicyId(ids.next()), scope, normalised, rule, now, now, 1);
                policies.insert(stored);
            }
            audit.success(
                    actor,
                    AuditAction.RETENTION_POLICY_PUT,
                    AuditTarget.retentionPolicy(stored.id()),
                    Map.of(
                            "scope",
                            scope.code(),
                            "target",
                            normalised,
                            "keepDays",
                            describe(rule),
                            "version",
                            Long.toString(stored.version())));
            return stored;
        });
        telemetry.emit(ServerEvent.RETENTION_CHANGED, actor, Map.of("scope", scope.code(), "keepDays", describe(rule)));
        return saved;
    }

    @Override
    public void remove(Actor actor, RetentionPolicyId id) {
        actor.require(Permissions.RETENTION_MANAGE);
        transactions.inTransaction(() -> {
            RetentionPolicy policy =
                    policies.findById(id).orElseThrow(() -> new NotFoundException("retention policy", id));
            policies.delete(id);
            audit.success(
                    actor,
                    AuditAction.RETENTION_POLICY_REMOVE,
                    AuditTarget.retentionPolicy(id),
                    Map.of("scope", policy.scope().code(), "target", policy.target()));
            return null;
        });
    }

    private static String describe(RetentionRule rule) {
        return rule.deleteAfter().map(d -> Long.toString(d.toDays())).orElse("forever");
    }

    /** The rule deciding for {@code c} and when it becomes deletable. */
    public Effective effective(Conversation c) {
        Optional<RetentionRule> global = policies.find(RetentionScope.GLOBAL, RetentionPolicy.GLOBAL_TARGET)
                .map(RetentionPolicy::rule);
        Optional<RetentionRule> project = c.projectKey()
                .flatMap(p -> policies.find(RetentionScope.PROJECT, p.value()))
                .map(RetentionPolicy::rule);
        Optional<RetentionRule> own =
                policies.find(RetentionScope.CONVERSATION, c.id().toString()).map(RetentionPolicy::rule);
        return new Effective(
                Retention.effective(global, project, own),
                Retention.deletableAt(global, project, own, c.legalHold(), c.updatedAt()));
    }

    // ---- enforcement ----

    @Override
    public Run enforce(int limit) {
        Instant now = clock.instant();
        List<RetentionPolicy> all = policies.all();
        Optional<RetentionRule> global = Optional.empty();
        Map<String, RetentionRule> projects = new HashMap<>();
        Map<String, RetentionRule> own = new HashMap<>();
        Optional<Duration> shortest = Optional.empty();
        for (RetentionPolicy p : all) {
            switch (p.scope()) {
                case GLOBAL -> global = Optional.of(p.rule());
                case PROJECT -> projects.put(p.target(), p.rule());
                case CONVERSATION -> own.put(p.target(), p.rule());
            }
            Optional<Duration> after = p.rule().deleteAfter();
            if (after.isPresent() && (shortest.isEmpty() || after.get().compareTo(shortest.get()) < 0)) {
                shortest = after;
            }
        }
        // Nothing last active after now minus the shortest rule can be due: the database skips those.
        Instant inactiveSince = shortest.map(now::minus).orElse(Instant.EPOCH);
        RequestContext request = RequestContext.system("retention-" + ids.next());
        int examined = 0;
        int purged = 0;
        long exchangesPurged = 0;
        Optional<ConversationId> after = Optional.empty();
        boolean more = false;
        outer:
        while (true) {
            List<RetentionCandidate> batch = conversations.retentionCandidates(after, inactiveSince, now, BATCH);
            for (RetentionCandidate c : batch) {
                examined++;
                after = Optional.of(c.id());
                if (purged == limit) {
                    more = true;
                    break outer;
                }
                Reason reason;
                if (c.purgeAt().map(at -> !now.isBefore(at)).orElse(false)) {
                    reason = Reason.DELETED;
                } else if (Retention.isDue(
                        global,
                        c.projectKey().map(ProjectKey::value).map(projects::get),
                        Optional.ofNullable(own.get(c.id().toString())),
                        false,
                        c.lastActivity(),
                        now)) {
                    reason = Reason.RETENTION;
                } else {
                    continue;
                }
                Optional<Purged> removed = transactions.inTransaction(() -> {
                    // Looked at again under the transaction: a hold placed or an append made since the scan wins.
                    Optional<Conversation> current = conversations.findForUpdate(c.id());
                    if (current.isEmpty()
                            || current.get().legalHold()
                            || !current.get().updatedAt().equals(c.lastActivity())) {
                        return Optional.<Purged>empty();
                    }
                    return purge(c.id(), reason, AuditActor.SYSTEM, request);
                });
                if (removed.isPresent()) {
                    purged++;
                    exchangesPurged += removed.get().exchanges();
                }
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (purged > 0) {
            scrub();
            telemetry.emit(
                    ServerEvent.RETENTION_ENFORCED,
                    Optional.empty(),
                    Optional.empty(),
                    request,
                    Map.of("purged", purged, "exchanges", exchangesPurged));
        }
        return new Run(examined, purged, exchangesPurged, more);
    }

    // ---- erasure ----

    @Override
    public Forgotten forget(UserId user, AuditActor actor, RequestContext request) {
        return transactions.inTransaction(() -> {
            List<Conversation> owned = conversations.ownedBy(user).stream()
                    .map(c -> conversations.findForUpdate(c.id()))
                    .flatMap(Optional::stream)
                    .toList();
            long held = owned.stream().filter(Conversation::legalHold).count();
            if (held > 0) {
                throw new RuleViolationException(
                        "legal-hold",
                        held + " conversation(s) this user owns are under legal "
                                + "hold; lift the hold before erasing the user");
            }
            long exchanges = 0;
            for (Conversation c : owned) {
                exchanges += purge(c.id(), Reason.ERASURE, actor, request)
                        .map(Purged::exchanges)
                        .orElse(0L);
            }
            conversations.forgetInHistory(user);
            return new Forgotten(owned.size(), exchanges);
        });
    }

    // ---- purging ----

    /**
     * Removes the conversation for good and writes its tombstone, in the caller's transaction. Call
     * {@link #scrub()} once that transaction has committed.
     */
    public Optional<Purged> purge(ConversationId id, Reason reason, AuditActor actor, RequestContext request) {
        return transactions.inTransaction(() -> {
            Optional<Purged> purged = conversations.purge(id);
            purged.ifPresent(p -> audit.record(
                    new AuditTrail.Entry(
                            actor,
                            AuditAction.CONVERSATION_PURGE,
                            AuditTarget.conversation(id),
                            AuditOutcome.SUCCESS,
                            Map.of(
                                    "reason",
                                    reason.code(),
                                    "exchanges",
                                    Long.toString(p.exchanges()),
                                    "participants",
                                    Long.toString(p.participants()),
                                    "historyEntries",
                                    Long.toString(p.historyEntries()))),
                    request));
            return purged;
        });
    }

    /** Clears what the storage may still hold of purged content. */
    public void scrub() {
        scrubber.scrub();
    }
}
