package io.buildfactory.http.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.application.audit.port.in.QueryAuditEventsUseCase;
import io.buildfactory.application.audit.port.in.VerifyAuditChainUseCase;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The audit log: filtered pages, a JSON Lines export, and chain verification. */
public final class AuditRoutes implements RouteGroup {

    private final QueryAuditEventsUseCase query;
    private final VerifyAuditChainUseCase verify;
    private final ObjectMapper json;

    public AuditRoutes(QueryAuditEventsUseCase query, VerifyAuditChainUseCase verify, ObjectMapper json) {
        this.query = query;
        this.verify = verify;
        this.json = json;
    }

    record EventView(
            long sequence,
            String id,
            Instant occurredAt,
            String actor,
            String action,
            String targetType,
            String targetId,
            String outcome,
            String correlationId,
            String clientAddress,
            String userAgent,
            Map<String, String> details,
            String prevHash,
            String hash) {
        static EventView of(AuditEvent e) {
            var r = e.record();
            return new EventView(
                    e.sequence(),
                    r.id().toString(),
                    r.occurredAt(),
                    r.actor(),
                    r.action(),
                    r.targetType().orElse(null),
                    r.targetId().orElse(null),
                    r.outcome().code(),
                    r.correlationId().orElse(null),
                    r.clientAddress().orElse(null),
                    r.userAgent().orElse(null),
                    r.details(),
                    e.prevHash(),
                    e.hash());
        }
    }

    record VerificationView(String status, long entries, String headHash, Long firstBrokenSequence, String problem) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/audit/events", Access.requires(Permissions.AUDIT_READ), this::events),
                ApiRoute.get("/api/audit/events/export", Access.requires(Permissions.AUDIT_READ), this::export),
                ApiRoute.get("/api/audit/verify", Access.requires(Permissions.AUDIT_READ), this::verify));
    }

    private void events(Context ctx) {
        var page = query.find(Requests.actor(ctx), filters(ctx), Requests.page(ctx));
        ctx.json(PageView.of(page, EventView::of));
    }

    /** JSON Lines, one entry per line, streamed as it is read. */
    private void export(Context ctx) {
        AuditQuery filters = filters(ctx);
        var actor = Requests.actor(ctx);
        ctx.contentType("application/jsonl");
        ctx.header("Content-Disposition", "attachment; filename=\"audit-events.jsonl\"");
        OutputStream out = ctx.outputStream();
        query.export(actor, filters, event -> {
            try {
                out.write(json.writeValueAsBytes(EventView.of(event)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void verify(Context ctx) {
        var v = verify.verify(Requests.actor(ctx));
        ctx.json(new VerificationView(
                v.intact() ? "ok" : "broken",
                v.entries(),
                v.headHash(),
                v.firstBroken().orElse(null),
                v.problem().orElse(null)));
    }

    private static AuditQuery filters(Context ctx) {
        return new AuditQuery(
                Requests.query(ctx, "actor"),
                Requests.query(ctx, "actionPrefix"),
                Requests.query(ctx, "targetType"),
                Requests.query(ctx, "targetId"),
                Requests.query(ctx, "outcome").map(AuditRoutes::outcome),
                Requests.instant(ctx, "from"),
                Requests.instant(ctx, "until"),
                Requests.query(ctx, "correlationId"));
    }

    private static AuditOutcome outcome(String code) {
        try {
            return AuditOutcome.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("outcome", "must be one of success, denied, failed");
        }
    }
}
