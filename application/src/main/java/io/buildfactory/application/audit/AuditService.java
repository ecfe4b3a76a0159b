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
import java.util.function.Consumer;

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

    @Override
    public Verification verifyAsSystem() {
        long expected = 1;
        String previousHash = AuditEvent.GENESIS;
        while (true) {
            List<AuditEvent> batch = repository.readFrom(expected - 1, BATCH);
            for (AuditEvent event : batch) {
                Optional<String> problem = problemWith(event, expected, previousHash);
                if (problem.isPresent()) {
                    return new Verification(false, expected - 1, previousHash, Optional.of(expected), problem);
                }
                previousHash = event.hash();
                expected++;
            }
            if (batch.size() < BATCH) {
                return new Verification(true, expected - 1, previousHash, Optional.empty(), Optional.empty());
            }
        }
    }

    private static Optional<String> problemWith(AuditEvent event, long expected, String previousHash) {
        if (event.sequence() != expected) {
            return Optional.of("entry " + expected + " is missing (the next one is " + event.sequence() + ")");
        }
        if (!event.prevHash().equals(previousHash)) {
            return Optional.of("entry " + expected + " does not follow the entry before it (removed or reordered)");
        }
        if (!event.isIntact()) {
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
