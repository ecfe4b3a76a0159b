package io.buildfactory.http.shared;

import io.buildfactory.domain.shared.IdGenerator;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One structured line per request: method, path (never the query string, which may carry secrets), status,
 * duration and correlation id; the caller's user id, once known, is in the logging context (MDC) with the
 * correlation id, so every line logged while serving the request carries both.
 */
public final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.buildfactory.http.requests");

    /** The logging context's keys: every line logged while serving a request carries them. */
    public static final String CORRELATION_ID = "correlationId";

    public static final String USER_ID = "userId";

    private RequestLog() {}

    /** Runs before every route: adopts or issues the correlation id and echoes it back. */
    public static void begin(Context ctx, IdGenerator ids) {
        String offered = ctx.header(CorrelationId.HEADER);
        String id = CorrelationId.acceptable(offered) ? offered : ids.next().value();
        ctx.attribute(CorrelationId.ATTRIBUTE, id);
        ctx.header(CorrelationId.HEADER, id);
        MDC.put(CORRELATION_ID, id);
        MDC.remove(USER_ID); // a pooled thread's last caller is not this one
    }

    public static void write(Context ctx, Float durationMillis) {
        String correlation = CorrelationId.of(ctx);
        if (ctx.res().getHeader(CorrelationId.HEADER) == null) {
            ctx.header(CorrelationId.HEADER, correlation);
        }
        var line = LOG.atInfo();
        String user = MDC.get(USER_ID);
        if (user != null) {
            line = line.addKeyValue("userId", user);
        }
        line.addKeyValue("method", ctx.method().name())
                .addKeyValue("path", ctx.path())
                .addKeyValue("status", ctx.statusCode())
                .addKeyValue("durationMs", String.format(java.util.Locale.ROOT, "%.2f", durationMillis))
                .addKeyValue("correlationId", correlation)
                .log("http request");
        MDC.remove(CORRELATION_ID);
        MDC.remove(USER_ID);
    }
}
