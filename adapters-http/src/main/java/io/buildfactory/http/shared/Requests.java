package io.buildfactory.http.shared;

import io.buildfactory.application.identity.port.in.AuthenticateUseCase;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.shared.UnauthenticatedException;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What handlers read from a request: who is calling, from where, and paging. */
public final class Requests {

    public static final String SESSION_COOKIE = "bf_session";
    static final String ACTOR = "bf.actor";

    private Requests() {}

    public static RequestContext context(Context ctx) {
        return new RequestContext(
                CorrelationId.of(ctx), Optional.ofNullable(clientAddress(ctx)), Optional.ofNullable(ctx.userAgent()));
    }

    /** The attribute holding the client's address as {@link ClientAddress} worked it out for this request. */
    public static final String CLIENT_ADDRESS = "bf.clientAddress";

    /** The client's address: through trusted proxies, the one they forwarded for; else the connection's peer. */
    public static String clientAddress(Context ctx) {
        String address = ctx.attribute(CLIENT_ADDRESS);
        return address != null ? address : ctx.ip();
    }

    /** Authenticates the caller from {@code Authorization: Bearer …} or the session cookie. */
    public static void authenticate(Context ctx, AuthenticateUseCase authentication) {
        String header = ctx.header("Authorization");
        String token;
        if (header != null && !header.isBlank()) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new UnauthenticatedException("the Authorization header must be 'Bearer <token>'");
            }
            token = header.substring(7).strip();
        } else {
            token = ctx.cookie(SESSION_COOKIE);
        }
        Actor actor = authentication.authenticate(token, context(ctx));
        ctx.attribute(ACTOR, actor);
        org.slf4j.MDC.put(RequestLog.USER_ID, actor.userId().toString()); // for every line logged from here on
    }

    public static Actor actor(Context ctx) {
        Actor actor = ctx.attribute(ACTOR);
        if (actor == null) {
            throw new IllegalStateException("route declared public but asks for the actor: " + ctx.path());
        }
        return actor;
    }

    /** The project key in the path ({@code {key}}); a malformed one is 404, as no project can have it. */
    public static ProjectKey projectKey(Context ctx) {
        String key = ctx.pathParam("key");
        try {
            return new ProjectKey(key);
        } catch (InvalidInputException e) {
            throw new NotFoundException("project", key);
        }
    }

    /** The {@code {id}} in the path, parsed; a malformed one is 404, as nothing can have it. */
    public static <I> I pathId(Context ctx, java.util.function.Function<String, I> parse) {
        return pathId(ctx, "id", "object", parse);
    }

    /** The path parameter {@code name} as an id of {@code kind}; one that is no such id names nothing (404). */
    public static <I> I pathId(Context ctx, String name, String kind, java.util.function.Function<String, I> parse) {
        String id = ctx.pathParam(name);
        try {
            return parse.apply(id);
        } catch (InvalidInputException e) {
            throw new NotFoundException(kind, id);
        }
    }

    /** {@code ?limit=&cursor=}; a bad limit is a 400 naming {@code limit}. */
    public static PageRequest page(Context ctx) {
        String limit = ctx.queryParam("limit");
        int size;
        try {
            size = limit == null ? PageRequest.DEFAULT_LIMIT : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "must be a whole number");
        }
        return new PageRequest(Optional.ofNullable(ctx.queryParam("cursor")), size);
    }

    /**
     * Refuses the NUL character in the path and query parameters, before any handler: PostgreSQL cannot compare
     * text holding it, and no name or id of ours contains it.
     */
    public static void refuseNul(Context ctx) {
        ctx.pathParamMap().forEach((name, value) -> {
            if (value.indexOf('\u0000') >= 0) {
                throw new InvalidInputException(name, "must not contain the NUL character");
            }
        });
        ctx.queryParamMap().forEach((name, values) -> {
            if (name.indexOf('\u0000') >= 0 || values.stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                throw new InvalidInputException(name.replace('\u0000', '?'), "must not contain the NUL character");
            }
        });
    }

    /** A query parameter, absent when missing or blank. */
    public static Optional<String> query(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
    }

    /** An ISO-8601 instant query parameter; a malformed one is a 400 naming it. */
    public static Optional<Instant> instant(Context ctx, String name) {
        try {
            return query(ctx, name).map(value -> Timestamps.storable(name, Instant.parse(value)));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "must be an ISO-8601 instant like 2026-11-22T10:00:00Z");
        }
    }

    /**
     * The JSON object body, read as {@code type}. Anything else is refused here, once for every route: no body,
     * a body that is not an object ({@code null}, {@code []}, {@code "text"}, {@code 42}), duplicate keys, and
     * the NUL character anywhere (PostgreSQL refuses it in text and JSON; SQLite would store it), each a 400
     * naming the field. A handler never sees a null body.
     */
    public static <T> T body(Context ctx, Class<T> type) {
        return JsonBodies.read(ctx.bodyAsBytes(), type);
    }
}
