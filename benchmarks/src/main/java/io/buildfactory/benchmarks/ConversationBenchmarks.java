package io.buildfactory.benchmarks;

import io.buildfactory.application.audit.HashChainedAuditTrail;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.ConversationSettings;
import io.buildfactory.application.conversations.ConversationUseCases;
import io.buildfactory.application.conversations.RetentionService;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase.NewExchange;
import io.buildfactory.application.conversations.port.in.StartConversationUseCase.NewConversation;
import io.buildfactory.application.projects.ProjectService;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.ContentSealer;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryEnvelopes;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserKind;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.DatabaseScrubber;
import io.buildfactory.persistence.JooqChangeVersions;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.conversations.JooqConversationRepository;
import io.buildfactory.persistence.conversations.JooqExchangeRepository;
import io.buildfactory.persistence.conversations.JooqRetentionPolicyRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.projects.JooqProjectMembers;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * One conversation grown to {@code size} exchanges through the real use case (scan, sequence claim, insert, history
 * line, telemetry): append latency for the first and the last thousand, then paging the whole conversation 50 at a
 * time, and fetching its last page.
 */
final class ConversationBenchmarks {

    private ConversationBenchmarks() {}

    static void longConversation(String target, int size) throws Exception {
        try (BenchDatabase db = BenchDatabase.open(target)) {
            Clock clock = Bench.CLOCK;
            IdGenerator ids = Bench.ids(7);
            JooqTransactionRunner tx = new JooqTransactionRunner(db.database);
            BufferedTelemetrySink sink = new BufferedTelemetrySink(
                    new JooqTelemetryRepository(db.database, clock, IdGenerator.secure(clock)),
                    clock,
                    BufferedTelemetrySink.Settings.DEFAULT);
            AuditTrail audit = new HashChainedAuditTrail(new JooqAuditRepository(db.database, clock), tx, ids, clock);
            Telemetry telemetry = new TelemetryEnvelopes(sink, ids, clock);
            JooqConversationRepository conversations = new JooqConversationRepository(db.database);
            RetentionService retention = new RetentionService(
                    conversations,
                    new JooqRetentionPolicyRepository(db.database),
                    new DatabaseScrubber(db.database),
                    tx,
                    audit,
                    telemetry,
                    ids,
                    clock);
            ConversationUseCases service = ConversationUseCases.assemble(
                    conversations,
                    new JooqExchangeRepository(db.database),
                    new ProjectService(
                            new JooqProjectRepository(db.database),
                            new JooqProjectMembers(db.database),
                            tx,
                            audit,
                            telemetry,
                            ids,
                            clock,
                            new JooqChangeVersions(db.database)),
                    retention,
                    ContentSealer.NONE,
                    new ConversationSettings(ContentProtection.Mode.REDACT, java.time.Duration.ZERO),
                    tx,
                    audit,
                    telemetry,
                    ids,
                    clock);
            User user = User.register(
                    new UserId(ids.next()),
                    new EmailAddress("bench@example.com"),
                    "Bench",
                    UserKind.HUMAN,
                    clock.instant());
            new JooqUserRepository(db.database).insert(user);
            Actor actor = new Actor(
                    user.id(),
                    java.util.Set.of(Permissions.CONVERSATION_CREATE),
                    new Actor.Credential.ViaSession(new SessionId(ids.next())),
                    RequestContext.system("bench"));
            ConversationId id = service.start()
                    .start(actor, new NewConversation("long", Optional.empty(), Optional.empty()))
                    .conversation()
                    .id();
            String request = "Summarise what changed in BF-213 since the last review and list the open questions; "
                    + "the migration ran clean on 2026-11-22 and commit 9fceb02 fixed the index. ".repeat(4);

            long[] latencies = new long[size];
            long start = System.nanoTime();
            for (int i = 0; i < size; i++) {
                long t0 = System.nanoTime();
                service.exchanges().append(actor, id, new NewExchange("agent-1", request));
                latencies[i] = System.nanoTime() - t0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] first = Arrays.copyOfRange(latencies, 0, Math.min(1_000, size));
            long[] last = Arrays.copyOfRange(latencies, Math.max(0, size - 1_000), size);
            Arrays.sort(first);
            Arrays.sort(last);
            System.out.printf(
                    "%s conversation: %,d appends in %.1f s = %,.0f/s; first 1,000: %s; last 1,000: %s%n",
                    db.name, size, seconds, size / seconds, Events.percentiles(first), Events.percentiles(last));

            int pages = 0;
            long pageStart = System.nanoTime();
            long[] pageLatencies = new long[size / 50 + 2];
            PageRequest page = PageRequest.first(50);
            while (true) {
                long t0 = System.nanoTime();
                Page<Exchange> batch = service.view().exchanges(actor, id, Optional.empty(), page);
                pageLatencies[pages++] = System.nanoTime() - t0;
                if (batch.nextCursor().isEmpty()) {
                    break;
                }
                page = page.next(batch.nextCursor().get());
            }
            double pageSeconds = (System.nanoTime() - pageStart) / 1e9;
            long[] sortedPages = Arrays.copyOf(pageLatencies, pages);
            Arrays.sort(sortedPages);
            long t0 = System.nanoTime();
            int lastPage = service.view()
                    .exchanges(
                            actor, id, Optional.empty(), PageRequest.first(50).next(Long.toString(size - 50)))
                    .items()
                    .size();
            long lastPageNanos = System.nanoTime() - t0;
            System.out.printf(
                    "%s conversation: %d pages of 50 in %.2f s; per page %s; the last page alone %.2f ms (%d items)%n",
                    db.name, pages, pageSeconds, Events.percentiles(sortedPages), lastPageNanos / 1e6, lastPage);
            sink.close();
        }
    }
}
