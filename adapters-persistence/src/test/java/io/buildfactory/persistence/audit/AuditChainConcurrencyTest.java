package io.buildfactory.persistence.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.audit.HashChainedAuditTrail;
import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many writers append through the audit trail at once: the chain stays one line, with no gap and no fork. */
class AuditChainConcurrencyTest extends OnBothEngines {

    @Test
    void concurrent_appends_form_one_unbroken_chain() throws Exception {
        JooqAuditRepository repository = new JooqAuditRepository(db.database(), Clock.systemUTC());
        AuditTrail trail = new HashChainedAuditTrail(
                repository,
                new JooqTransactionRunner(db.database()),
                new IdGenerator(Clock.systemUTC(), new Random(3)),
                Clock.systemUTC());
        int writers = 32;
        int each = 313; // 10,016 appends
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        trail.record(
                                new AuditTrail.Entry(
                                        new AuditActor("writer-" + writer),
                                        AuditAction.JOB_RETRY,
                                        AuditTarget.unknownUser(),
                                        AuditOutcome.SUCCESS,
                                        Map.of("i", Integer.toString(i))),
                                RequestContext.system("c"));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<AuditEvent> chain = repository.readFrom(0, writers * each + 10);
        assertEquals(writers * each, chain.size());
        String previous = AuditEvent.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            AuditEvent event = chain.get(i);
            assertEquals(i + 1, event.sequence(), "no gaps");
            assertEquals(previous, event.prevHash(), "no forks at " + event.sequence());
            assertTrue(event.isIntact());
            previous = event.hash();
        }
    }
}
