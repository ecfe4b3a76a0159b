package io.buildfactory.application.telemetry;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.telemetry.port.in.IngestTelemetryUseCase;
import io.buildfactory.application.telemetry.port.in.PruneTelemetryUseCase;
import io.buildfactory.application.telemetry.port.in.QueryTelemetryUseCase;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.application.telemetry.port.out.TelemetryRepository;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.OverloadedException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.telemetry.EventType;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryEventId;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Client ingestion, queries, sink statistics and retention. */
public final class TelemetryService implements IngestTelemetryUseCase, QueryTelemetryUseCase, PruneTelemetryUseCase {

    static final int PRUNE_BATCH = 5_000;
    /** What a refused client is told to wait: the writer frees a batch's room as soon as it takes the next batch. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final BufferedTelemetrySink sink;
    private final TelemetryRepository repository;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration retention;

    public TelemetryService(
            BufferedTelemetrySink sink,
            TelemetryRepository repository,
            IdGenerator ids,
            Clock clock,
            Duration retention) {
        this.sink = sink;
        this.repository = repository;
        this.ids = ids;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Result ingest(Actor actor, List<ClientEvent> events) {
        actor.require(Permissions.TELEMETRY_WRITE);
        if (events.size() > MAX_BATCH) {
            throw new InvalidInputException("events", "must hold at most " + MAX_BATCH + " events per request");
        }
        // Room for the whole batch or none of it, before anything else: what is acknowledged is never dropped
        // afterwards, and a refused batch costs no validation.
        BufferedTelemetrySink.ClientRoom room = sink.reserve(events.size())
                .orElseThrow(() -> new OverloadedException(
                        "the telemetry queue has no room for " + events.size()
                                + " more client events; none of this batch" + " was taken, send it again later",
                        RETRY_AFTER));
        List<Rejection> rejections = new ArrayList<>();
        try (room) {
            List<TelemetryEvent> valid = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                try {
                    valid.add(build(actor, events.get(i)));
                } catch (InvalidInputException invalid) {
                    rejections.add(new Rejection(i, invalid.field(), invalid.reason()));
                }
            }
            room.fill(valid);
        }
        for (Rejection r : rejections) {
            ClientEvent raw = events.get(r.index());
            sink.rejectInvalid(
                    "invalid-" + r.field(),
                    raw.id(),
                    Optional.ofNullable(raw.eventType()),
                    r.field() + " " + r.reason());
        }
        return new Result(events.size() - rejections.size(), rejections.size(), rejections);
    }

    private TelemetryEvent build(Actor actor, ClientEvent raw) {
        TelemetryEventId id = raw.id().map(TelemetryEventId::parse).orElseGet(() -> new TelemetryEventId(ids.next()));
        Optional<UserId> user =
                raw.userId().isPresent() ? raw.userId().map(UserId::parse) : Optional.of(actor.userId());
        return new TelemetryEvent(
                id,
                new EventType(raw.eventType()),
                raw.sessionId(),
                user,
                raw.productId(),
                raw.correlationId().orElse(actor.request().correlationId()),
                raw.timestamp().orElse(clock.instant()),
                raw.schemaVersion().orElse(Telemetry.SCHEMA_VERSION),
                raw.payloadJson());
    }

    @Override
    public Page<TelemetryEvent> find(Actor actor, TelemetryQuery query, PageRequest page) {
        actor.require(Permissions.TELEMETRY_READ);
        return repository.find(query, page);
    }

    @Override
    public SinkReport stats(Actor actor) {
        actor.require(Permissions.TELEMETRY_READ);
        return new SinkReport(sink.stats(), repository.recentWarnings(20));
    }

    @Override
    public long prune() {
        var cutoff = clock.instant().minus(retention);
        long total = 0;
        int deleted;
        do {
            deleted = repository.deleteOlderThan(cutoff, PRUNE_BATCH);
            total += deleted;
        } while (deleted == PRUNE_BATCH);
        return total;
    }
}
