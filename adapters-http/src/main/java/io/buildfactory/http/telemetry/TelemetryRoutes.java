package io.buildfactory.http.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.application.telemetry.port.in.IngestTelemetryUseCase;
import io.buildfactory.application.telemetry.port.in.IngestTelemetryUseCase.ClientEvent;
import io.buildfactory.application.telemetry.port.in.QueryTelemetryUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.telemetry.IngestionWarning;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Client telemetry in, stored telemetry out, and the sink's counts (JSON and Prometheus text). */
public final class TelemetryRoutes implements RouteGroup {

    private final IngestTelemetryUseCase ingest;
    private final QueryTelemetryUseCase query;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    private final MetricsText metrics;

    public TelemetryRoutes(
            IngestTelemetryUseCase ingest,
            QueryTelemetryUseCase query,
            com.fasterxml.jackson.databind.ObjectMapper json,
            MetricsText metrics) {
        this.ingest = ingest;
        this.query = query;
        this.json = json;
        this.metrics = metrics;
    }

    static final Set<String> EVENT_FIELDS = Set.of(
            "id",
            "eventType",
            "sessionId",
            "userId",
            "productId",
            "correlationId",
            "timestamp",
            "schemaVersion",
            "payload");

    record EventView(
            String id,
            String eventType,
            String sessionId,
            String userId,
            String productId,
            String correlationId,
            Instant timestamp,
            int schemaVersion,
            JsonNode payload) {}

    record RejectionView(int index, String field, String reason) {}

    record IngestView(int accepted, int rejected, List<RejectionView> rejections) {}

    record WarningView(String reason, long count, String eventId, String eventType, String detail, Instant at) {}

    record StatsView(
            long emitted,
            long written,
            long dropped,
            long rejected,
            long refused,
            Map<String, Long> rejectedByReason,
            long queued,
            int capacity,
            int clientCapacity,
            long oldestQueuedMillis,
            long writeFailures,
            List<WarningView> recentWarnings) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/telemetry/events", Access.requires(Permissions.TELEMETRY_WRITE), this::ingest),
                ApiRoute.get("/api/telemetry/events", Access.requires(Permissions.TELEMETRY_READ), this::find),
                ApiRoute.get("/api/telemetry/stats", Access.requires(Permissions.TELEMETRY_READ), this::stats),
                ApiRoute.get("/metrics", Access.requires(Permissions.TELEMETRY_READ), this::metrics));
    }

    /**
     * Per-event problems are rejections in a 202, not a 400 for the whole batch: the good events still count. A
     * batch the queue has no room for is a 503 with Retry-After, and none of it was taken.
     */
    private void ingest(Context ctx) {
        JsonNode body = Requests.body(ctx, JsonNode.class);
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("events")) {
                throw new InvalidInputException(name, "is not a field of a batch (only events)");
            }
        });
        JsonNode events = body.path("events");
        if (!events.isArray()) {
            throw new InvalidInputException("events", "must be an array of events");
        }
        if (events.size() > IngestTelemetryUseCase.MAX_BATCH) { // before any work: malformed entries count too
            throw new InvalidInputException(
                    "events", "must hold at most " + IngestTelemetryUseCase.MAX_BATCH + " events per request");
        }
        List<ClientEvent> parsed = new ArrayList<>();
        List<RejectionView> malformed = new ArrayList<>();
        List<Integer> indexOfParsed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                parsed.add(clientEvent(events.get(i)));
                indexOfParsed.add(i);
            } catch (InvalidInputException e) {
                malformed.add(new RejectionView(i, e.field(), e.reason()));
            }
        }
        var result = ingest.ingest(Requests.actor(ctx), parsed);
        List<RejectionView> rejections = new ArrayList<>(malformed);
        result.rejections()
                .forEach(r -> rejections.add(new RejectionView(indexOfParsed.get(r.index()), r.field(), r.reason())));
        rejections.sort(java.util.Comparator.comparingInt(RejectionView::index));
        ctx.status(202).json(new IngestView(result.accepted(), rejections.size(), rejections));
    }

    private static ClientEvent clientEvent(JsonNode e) {
        if (!e.isObject()) {
            throw new InvalidInputException("event", "must be a JSON object");
        }
        e.fieldNames().forEachRemaining(name -> {
            if (!EVENT_FIELDS.contains(name)) {
                throw new InvalidInputException(name, "is not a field of an event");
            }
        });
        JsonNode payload = e.path("payload");
        if (!payload.isObject()) {
            throw new InvalidInputException("payload", "must be a JSON object");
        }
        Optional<Instant> timestamp;
        try {
            timestamp = text(e, "timestamp").map(Instant::parse);
        } catch (DateTimeParseException ex) {
            throw new InvalidInputException("timestamp", "must be an ISO-8601 instant");
        }
        JsonNode version = e.path("schemaVersion");
        if (!version.isMissingNode() && !version.isNull() && !version.canConvertToInt()) {
            throw new InvalidInputException("schemaVersion", "must be a whole number");
        }
        return new ClientEvent(
                text(e, "id"),
                e.path("eventType").isTextual() ? e.get("eventType").asText() : null,
                text(e, "sessionId"),
                text(e, "userId"),
                text(e, "productId"),
                text(e, "correlationId"),
                timestamp,
                version.isMissingNode() || version.isNull() ? Optional.empty() : Optional.of(version.asInt()),
                payload.toString());
    }

    private static Optional<String> text(JsonNode e, String field) {
        JsonNode value = e.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return Optional.of(value.asText());
    }

    private void find(Context ctx) {
        TelemetryQuery filters = new TelemetryQuery(
                Requests.query(ctx, "typePrefix"),
                Requests.query(ctx, "correlationId"),
                Requests.query(ctx, "userId").map(UserId::parse),
                Requests.query(ctx, "sessionId"),
                Requests.instant(ctx, "from"),
                Requests.instant(ctx, "until"));
        var page = query.find(Requests.actor(ctx), filters, Requests.page(ctx));
        ctx.json(PageView.of(page, this::view));
    }

    private EventView view(TelemetryEvent e) {
        try {
            return new EventView(
                    e.id().toString(),
                    e.eventType().value(),
                    e.sessionId().orElse(null),
                    e.userId().map(UserId::toString).orElse(null),
                    e.productId().orElse(null),
                    e.correlationId(),
                    e.timestamp(),
                    e.schemaVersion(),
                    json.readTree(e.payloadJson()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("stored payload is not JSON", ex);
        }
    }

    private void stats(Context ctx) {
        var report = query.stats(Requests.actor(ctx));
        var c = report.counts();
        ctx.json(new StatsView(
                c.emitted(),
                c.written(),
                c.dropped(),
                c.rejected(),
                c.refused(),
                c.rejectedByReason(),
                c.queued(),
                c.capacity(),
                c.clientCapacity(),
                c.oldestQueuedAge().toMillis(),
                c.writeFailures(),
                report.recentWarnings().stream().map(TelemetryRoutes::view).toList()));
    }

    private static WarningView view(IngestionWarning w) {
        return new WarningView(
                w.reason(),
                w.count(),
                w.eventId().orElse(null),
                w.eventType().orElse(null),
                w.detail().orElse(null),
                w.at());
    }

    /**
     * Every meter of the server (HTTP, JVM, pool, telemetry, audit, jobs) in the Prometheus text format, for a
     * scraper holding an API token with {@code factory.telemetry.read}.
     */
    private void metrics(Context ctx) {
        Requests.actor(ctx).require(Permissions.TELEMETRY_READ);
        ctx.contentType(io.buildfactory.http.HttpApi.PROMETHEUS_TEXT).result(metrics.scrape());
    }

    /** The server's meters as Prometheus text, from whatever registry the composition root keeps. */
    @FunctionalInterface
    public interface MetricsText {
        String scrape();
    }
}
