package io.buildfactory.application.audit;

import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.audit.port.out.AuditRepository;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditEventId;
import io.buildfactory.domain.audit.AuditRecord;
import io.buildfactory.domain.shared.IdGenerator;
import java.time.Clock;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The audit trail as a hash chain: each entry is appended under the chain lock, linked to the head before it.
 * Appends to the hash-chained audit log. Call it inside the transaction of the change it records, so that the
 * change and its audit entry are stored together or not at all.
 */
public final class HashChainedAuditTrail implements AuditTrail {

    private final AuditRepository repository;
    private final TransactionRunner transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public HashChainedAuditTrail(
            AuditRepository repository, TransactionRunner transactions, IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public AuditEvent record(Entry entry, RequestContext request) {
        AuditRecord record = new AuditRecord(
                new AuditEventId(ids.next()),
                clock.instant(),
                entry.actor().value(),
                entry.action().code(),
                Optional.of(entry.target().type()),
                entry.target().id(),
                entry.outcome(),
                Optional.of(request.correlationId()),
                request.clientAddress(),
                request.userAgent(),
                new TreeMap<>(entry.details()));
        // Joins the caller's transaction; on its own it still holds the chain lock from head to append.
        return transactions.inTransaction(() -> {
            repository.lockChain();
            AuditEvent event = AuditEvent.chain(record, repository.head());
            repository.append(event);
            return event;
        });
    }
}
