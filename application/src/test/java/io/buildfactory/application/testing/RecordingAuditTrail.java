package io.buildfactory.application.testing;

import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditEventId;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.audit.AuditRecord;
import io.buildfactory.domain.shared.IdGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The audit log in memory: entries chained as the real trail chains them, rolled back with their transaction. */
public final class RecordingAuditTrail implements AuditTrail, Transactional {

    private final List<Entry> entries = new ArrayList<>();
    private final List<AuditEvent> chain = new ArrayList<>();
    private final IdGenerator ids;
    private final Clock clock;

    public RecordingAuditTrail(IdGenerator ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public synchronized AuditEvent record(Entry entry, RequestContext request) {
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
        AuditEvent event = AuditEvent.chain(record, chain.isEmpty() ? Optional.empty() : Optional.of(chain.getLast()));
        entries.add(entry);
        chain.add(event);
        return event;
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized long count(AuditOutcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).count();
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(List.copyOf(entries), List.copyOf(chain));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        List<List<?>> both = (List<List<?>>) snapshot;
        entries.clear();
        entries.addAll((List<Entry>) both.get(0));
        chain.clear();
        chain.addAll((List<AuditEvent>) both.get(1));
    }
}
