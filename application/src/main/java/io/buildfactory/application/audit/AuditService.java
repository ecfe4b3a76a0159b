package io.buildfactory.application.audit;

import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.audit.port.in.QueryAuditEventsUseCase;
import io.buildfactory.application.audit.port.in.VerifyAuditChainUseCase;
import io.buildfactory.application.audit.port.out.AuditRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/** Reading and verifying the audit log. Writing goes through {@link AuditTrail}, inside each change. */
public final class AuditService implements VerifyAuditChainUseCase, QueryAuditEventsUseCase {

    static final int BATCH = 2_000;

    private final AuditRepository repository;

    public AuditService(AuditRepository repository) {
        this.repository = repository;
    }

    @Override
    public Verification verify(Actor actor) {
        actor.require(Permissions.AUDIT_READ);
        return verifyAsSystem();
    }

    /**
     * Walks the chain as it stood when the walk began (up to the head entry then), in ranges of {@link #BATCH}
     * sequence numbers. Decoding entries is the slow part, so {@link #READ_AHEAD} ranges are read at once on
     * their own threads while the verifier checks the range before them, and each range's hashes are worked out
     * on every core (an entry's hash depends only on its own contents and the previous hash it stores). The links
     * are then checked in order: a range with a hole, or with no entries at all, shows as the missing entry it
     * begins with, and the first break is reported.
     */
    @Override
    public Verification verifyAsSystem() {
        return verifyAsSystemUpTo(Long.MAX_VALUE);
    }

    @Override
    public Verification verifyAsSystemUpTo(long lastSequence) {
        long last = Math.min(
                lastSequence, repository.head().map(AuditEvent::sequence).orElse(0L));
        long expected = 1;
        String previousHash = AuditEvent.GENESIS;
        java.util.ArrayDeque<CompletableFuture<List<AuditEvent>>> ahead = new java.util.ArrayDeque<>();
        long nextRange = 0;
        try (var readers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            while (true) {
                while (ahead.size() < READ_AHEAD && nextRange < last) {
                    long from = nextRange;
                    long to = Math.min(last, from + BATCH);
                    ahead.add(CompletableFuture.supplyAsync(() -> repository.readBetween(from, to), readers));
                    nextRange = to;
                }
                if (ahead.isEmpty()) {
                    return new Verification(true, expected - 1, previousHash, Optional.empty(), Optional.empty());
                }
                List<AuditEvent> batch = ahead.poll().join();
                boolean[] intact = new boolean[batch.size()];
                IntStream.range(0, batch.size())
                        .parallel()
                        .forEach(i -> intact[i] = batch.get(i).isIntact());
                for (int i = 0; i < batch.size(); i++) {
                    Optional<String> problem = problemWith(batch.get(i), expected, previousHash, intact[i]);
                    if (problem.isPresent()) {
                        ahead.forEach(f -> f.cancel(false));
                        return new Verification(false, expected - 1, previousHash, Optional.of(expected), problem);
                    }
                    previousHash = batch.get(i).hash();
                    expected++;
                }
            }
        }
    }

    /** Ranges read at once, ahead of the one being checked. */
    static final int READ_AHEAD = 3;

    private static Optional<String> problemWith(AuditEvent event, long expected, String previousHash, boolean intact) {
        if (event.sequence() != expected) {
            return Optional.of("entry " + expected + " is missing (the next one is " + event.sequence() + ")");
        }
        if (!event.prevHash().equals(previousHash)) {
            return Optional.of("entry " + expected + " does not follow the entry before it (removed or reordered)");
        }
        if (!intact) {
            return Optional.of("entry " + expected + " was altered: its contents no longer give its hash");
        }
        return Optional.empty();
    }

    @Override
    public Page<AuditEvent> find(Actor actor, AuditQuery query, PageRequest page) {
        actor.require(Permissions.AUDIT_READ);
        return repository.find(query, page);
    }

    @Override
    public long export(Actor actor, AuditQuery query, Consumer<AuditEvent> sink) {
        actor.require(Permissions.AUDIT_READ);
        return Page.drain(PageRequest.MAX_LIMIT, page -> repository.find(query, page), sink);
    }
}
