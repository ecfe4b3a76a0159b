package io.buildfactory.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.application.identity.port.in.AuthenticateUseCase;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.OverloadedException;
import io.buildfactory.domain.shared.TooManyAttemptsException;
import io.buildfactory.domain.shared.UnauthenticatedException;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.ClientAddress;
import io.buildfactory.http.shared.CorrelationId;
import io.buildfactory.http.shared.HeaderDeadline;
import io.buildfactory.http.shared.MediaTypes;
import io.buildfactory.http.shared.Problem;
import io.buildfactory.http.shared.ProblemMapper;
import io.buildfactory.http.shared.RateLimiter;
import io.buildfactory.http.shared.RequestLog;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.buildfactory.http.shared.SecurityHeaders;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * Builds the Javalin server from route groups. Handlers stay thin: parse, call one use case, map the result.
 * Correlation ids, the request log and problem+json errors are applied here to every route alike.
 */
public final class HttpApi {

    private final ObjectMapper json;
    private final List<ApiRoute> routes;
    private final IdGenerator ids;
    private final AuthenticateUseCase authentication;

    private final MeterRegistry meters;
    private final Limits limits;

    /**
     * What every request is held to before its route runs: requests a minute per client address (all routes but
     * the probes) and per authenticated user, and which peers may say whose address they forward for; and which
     * failures mean the database cannot be reached (answered 503 with Retry-After: the persistence layer knows).
     */
    public record Limits(
            RateLimiter perUser,
            RateLimiter perAddress,
            ClientAddress clientAddress,
            java.util.function.Predicate<Throwable> databaseUnreachable,
            Connections connections) {
        public static final Limits NONE = new Limits(
                RateLimiter.perMinute(0),
                RateLimiter.perMinute(0),
                new ClientAddress(List.of()),
                failure -> false,
                Connections.DEFAULT);
    }

    /**
     * What a slow client may hold: a connection that sends nothing for {@code idleTimeout}, or has not sent its
     * first request's headers within it, is closed ({@link HeaderDeadline}), and a
     * request body arriving slower than {@code minRequestBytesPerSecond} (0: any rate) fails with 408, so neither
     * a silent nor a trickling client keeps a request thread. A stop waits up to {@code stopGrace} for requests
     * in flight, taking no new ones.
     */
    public record Connections(Duration idleTimeout, long minRequestBytesPerSecond, Duration stopGrace) {
        public static final Connections DEFAULT = new Connections(Duration.ofSeconds(30), 512, Duration.ofSeconds(20));
    }

    /** Probes a load balancer asks many times a second: never limited. */
    static final java.util.Set<String> UNLIMITED = java.util.Set.of("/health", "/ready");

    public HttpApi(
            ObjectMapper json,
            IdGenerator ids,
            AuthenticateUseCase authentication,
            List<RouteGroup> groups,
            MeterRegistry meters,
            Limits limits) {
        this.json = json;
        this.meters = meters;
        this.limits = limits;
        this.ids = ids;
        this.authentication = authentication;
        this.routes = groups.stream().flatMap(g -> g.routes().stream()).toList();
    }

    /** Every route the server answers, with its access rule. */
    public List<ApiRoute> routes() {
        return routes;
    }

    /** A started server; the composition root holds it without knowing the framework. */
    public interface Running extends AutoCloseable {
        int port();

        @Override
        void close();
    }

    public Running start(String host, int port) {
        return running(create(host, port).start());
    }

    /**
     * The management port: {@code /metrics} without a token (the port is for the monitoring network, not the
     * world), and the probes; nothing else of the API. {@code metrics} is the Prometheus text.
     */
    public Running startManagement(String host, int port, java.util.function.Supplier<String> metrics) {
        List<ApiRoute> probes = routes.stream()
                .filter(route -> UNLIMITED.contains(route.path()))
                .toList();
        Javalin management = Javalin.create(config -> {
            serveOn(config, host, port);
            config.routes.get(
                    "/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.get()));
            for (ApiRoute probe : probes) {
                config.routes.addHttpHandler(probe.method(), probe.path(), probe.handler());
            }
        });
        return running(management.start());
    }

    /** The Prometheus text exposition format, as scrapers ask for it. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static Running running(Javalin app) {
        return new Running() {
            @Override
            public int port() {
                return app.port();
            }

            @Override
            public void close() {
                app.stop();
            }
        };
    }

    /**
     * One connector on {@code host:port} with the slow-client limits, and a graceful stop: connectors close
     * first, then requests in flight get up to the grace to finish.
     */
    private void serveOn(io.javalin.config.JavalinConfig config, String host, int port) {
        Connections connections = limits.connections();
        HeaderDeadline headers = new HeaderDeadline(connections.idleTimeout());
        config.startup.showJavalinBanner = false;
        config.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setIdleTimeout(connections.idleTimeout().toMillis());
            http.setMinRequestDataRate(connections.minRequestBytesPerSecond());
        });
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(connections.idleTimeout().toMillis());
            headers.scheduleWith(connector.getScheduler());
            connector.addEventListener(headers);
            return connector;
        });
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(connections.stopGrace().toMillis());
            server.insertHandler(new GracefulHandler());
            server.insertHandler(headers);
        });
    }

    /** The largest request body taken, in bytes. */
    static final long MAX_REQUEST_SIZE = 1_000_000;

    /** A configured server, not yet started. */
    public Javalin create(String host, int port) {
        return Javalin.create(config -> {
            serveOn(config, host, port);
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = MAX_REQUEST_SIZE;
            config.jsonMapper(new JavalinJackson(json, false));
            config.requestLogger.http((ctx, millis) -> {
                RequestLog.write(ctx, millis);
                timeRequest(ctx, millis);
            });
            config.routes.before(ctx -> {
                RequestLog.begin(ctx, ids);
                SecurityHeaders.apply(ctx);
                String address = limits.clientAddress()
                        .of(ctx.req().getRemoteAddr(), Optional.ofNullable(ctx.header("X-Forwarded-For")));
                ctx.attribute(Requests.CLIENT_ADDRESS, address);
                if (!UNLIMITED.contains(ctx.path())) {
                    limits.perAddress().take(address).ifPresent(wait -> {
                        throw new RateLimiter.RateLimitedException("address", wait);
                    });
                }
            });
            for (ApiRoute route : routes) {
                config.routes.addHttpHandler(route.method(), route.path(), guarded(route));
            }
            config.routes.exception(Exception.class, (failure, ctx) -> {
                if (limits.databaseUnreachable().test(failure)) {
                    ctx.header("Retry-After", Long.toString(ProblemMapper.DATABASE_RETRY_AFTER.toSeconds()));
                    respond(ctx, ProblemMapper.databaseUnavailable(failure, ctx));
                    return;
                }
                retryAfter(failure)
                        .ifPresent(wait -> ctx.header(
                                "Retry-After",
                                Long.toString(Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0)))));
                if (failure instanceof UnauthenticatedException) {
                    ctx.header("WWW-Authenticate", "Bearer");
                }
                respond(ctx, ProblemMapper.toProblem(failure, ctx));
            });
            // Responses Javalin itself produces (no route, wrong method, body too large) become problems too.
            for (int status : new int[] {404, 405, 413}) {
                config.routes.error(status, ctx -> {
                    if (!isProblem(ctx)) {
                        respond(ctx, ProblemMapper.toProblem(new HttpResponseException(status, titleOf(status)), ctx));
                    }
                });
            }
        });
    }

    /**
     * Routes that are not public authenticate the caller first (a stranger learns nothing about the input rules,
     * and no stranger's body is read); then every route refuses the NUL character in parameters and a body that
     * is not JSON; the use case then checks permissions.
     */
    private Handler guarded(ApiRoute route) {
        boolean open = route.access() instanceof Access.Public;
        return ctx -> {
            if (!open) {
                Requests.authenticate(ctx, authentication);
                limits.perUser().take(Requests.actor(ctx).userId().toString()).ifPresent(wait -> {
                    throw new RateLimiter.RateLimitedException("user", wait);
                });
            }
            Requests.refuseNul(ctx);
            MediaTypes.requireJsonBody(ctx);
            route.handler().handle(ctx);
        };
    }

    /**
     * {@code http_server_requests_seconds{method,route,status}}: a latency histogram per route template (never the
     * raw path, whose ids would make a series per item) and status; paths no route matches share one.
     */
    private void timeRequest(Context ctx, float millis) {
        var matched = ctx.endpoints().matchedHttpEndpoint();
        Timer.builder("http.server.requests")
                .description("HTTP requests, by route template and status.")
                .tag("method", ctx.method().name())
                .tag("route", matched == null ? "unmatched" : matched.path)
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .register(meters)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    /** How long a refused caller should wait before trying again, when the refusal says. */
    private static Optional<Duration> retryAfter(Throwable failure) {
        return switch (failure) {
            case TooManyAttemptsException tooMany -> Optional.of(tooMany.retryAfter());
            case OverloadedException overloaded -> Optional.of(overloaded.retryAfter());
            case RateLimiter.RateLimitedException limited -> Optional.of(limited.retryAfter());
            default -> Optional.empty();
        };
    }

    private void respond(Context ctx, Problem problem) {
        if (problem.status() == 413) {
            drainRefusedBody(ctx);
        }
        try {
            ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record always serialises", e);
        }
        ctx.header(CorrelationId.HEADER, CorrelationId.of(ctx));
    }

    /** Bodies read and thrown away before a 413 is answered: several times the limit, then the connection closes. */
    static final long DRAINED_AT_MOST = 8L * MAX_REQUEST_SIZE;

    /**
     * A body refused for its size has not been read. Answering at once and closing the connection while the client
     * is still sending makes its socket reset, and the client may never see the answer. So the rest of the body is
     * read and dropped, up to a bound, and the connection closed after the answer.
     */
    private static void drainRefusedBody(Context ctx) {
        ctx.header("Connection", "close");
        try {
            var in = ctx.req().getInputStream();
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            for (int n; drained < DRAINED_AT_MOST && (n = in.read(sink)) > 0; ) {
                drained += n;
            }
        } catch (java.io.IOException | IllegalStateException gone) {
            // the client stopped sending, or the body was taken already: nothing left to drain
        }
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            default -> "Request body too large";
        };
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.CONTENT_TYPE);
    }
}
