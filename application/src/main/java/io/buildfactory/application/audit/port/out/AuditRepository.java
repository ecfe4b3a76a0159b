package io.buildfactory.application.audit.port.out;

import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/** The append-only audit log. Nothing here updates or deletes. */
public interface AuditRepository {

    /**
     * Takes the chain's append lock until the current transaction ends, so that concurrent appenders read the
     * head one after another and the chain never forks.
     */
    void lockChain();

    /** The newest entry, whose hash the next entry chains to. */
    Optional<AuditEvent> head();

    /** Appends an entry already chained to {@link #head()}; a taken sequence is a duplicate conflict. */
    void append(AuditEvent event);

    /** Entries matching the query in sequence order; the cursor is a sequence number. */
    Page<AuditEvent> find(AuditQuery query, PageRequest page);

    /** Up to {@code limit} entries with a sequence above {@code afterSequence}, in order: for verifying the chain. */
    List<AuditEvent> readFrom(long afterSequence, int limit);

    /** Entries with {@code afterSequence < sequence <= upTo}, in sequence order. */
    List<AuditEvent> readBetween(long afterSequence, long upTo);
}
