package io.buildfactory.http.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.LeaseHeldException;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.DomainException;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.OverloadedException;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.TooManyAttemptsException;
import io.buildfactory.domain.shared.UnauthenticatedException;
import io.buildfactory.domain.workitems.ActionBlockedException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become responses: every error leaves as {@code application/problem+json}. */
public final class ProblemMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private ProblemMapper() {}

    /** What a client is told to wait when the database cannot be reached: about a restarting database's start. */
    public static final java.time.Duration DATABASE_RETRY_AFTER = java.time.Duration.ofSeconds(5);

    /** A request that failed because the database cannot be reached: 503, its transaction rolled back. */
    public static Problem databaseUnavailable(Throwable failure, Context ctx) {
        String correlation = CorrelationId.of(ctx);
        LOG.atWarn()
                .addKeyValue("correlationId", correlation)
                .addKeyValue("error", failure.getClass().getSimpleName())
                .log("database unreachable on {} {}; answered 503", ctx.method(), ctx.path());
        return Problem.of(
                "database-unavailable",
                "Database unavailable",
                503,
                "the database cannot be reached right now; nothing was changed, try again shortly",
                ctx.path(),
                null,
                correlation);
    }

    public static Problem toProblem(Throwable failure, Context ctx) {
        String instance = ctx.path();
        String correlation = CorrelationId.of(ctx);
        return switch (failure) {
            case DomainException domain -> domainProblem(domain, instance, correlation);
            case JsonBodies.MalformedBodyException body ->
                body.json()
                        .map(json -> malformed(json, instance, correlation))
                        .orElseGet(() -> Problem.of(
                                "malformed-request",
                                "Malformed request body",
                                400,
                                "the request body is not JSON in UTF-8 (or UTF-16/32)",
                                instance,
                                "body",
                                correlation));
            case MediaTypes.UnsupportedMediaTypeException unsupported ->
                Problem.of(
                                "unsupported-media-type",
                                "Unsupported media type",
                                415,
                                unsupported.getMessage(),
                                instance,
                                "Content-Type",
                                correlation)
                        .withAccepted(List.of(MediaTypes.JSON));
            case JsonProcessingException json -> malformed(json, instance, correlation);
            case RateLimiter.RateLimitedException limited ->
                Problem.of("rate-limited", "Too many requests", 429, limited.getMessage(), instance, null, correlation);
            case HttpResponseException http -> httpProblem(http, ctx, instance, correlation);
            case org.eclipse.jetty.http.BadMessageException slow
            when slow.getCode() == 408 -> {
                ctx.header("Connection", "close");
                yield Problem.of(
                        "request-timeout",
                        "Request too slow",
                        408,
                        "the request body arrived slower than the server's minimum rate; send it again, faster",
                        instance,
                        "body",
                        correlation);
            }
            case org.eclipse.jetty.http.BadMessageException bad
            when bad.getCode() >= 400 && bad.getCode() < 500 ->
                Problem.of(
                        "malformed-request",
                        "Malformed request",
                        bad.getCode(),
                        "the request could not be read: " + bad.getReason(),
                        instance,
                        "body",
                        correlation);
            default -> {
                LOG.atError()
                        .setCause(failure)
                        .addKeyValue("correlationId", correlation)
                        .log("unhandled failure on {} {}", ctx.method(), instance);
                yield Problem.of(
                        "internal-error",
                        "Internal server error",
                        500,
                        "the server failed to handle the request; quote the correlation id when reporting it",
                        instance,
                        null,
                        correlation);
            }
        };
    }

    private static Problem malformed(JsonProcessingException json, String instance, String correlation) {
        return Problem.of(
                "malformed-request",
                "Malformed request body",
                400,
                "the request body is not valid JSON of the expected shape",
                instance,
                fieldOf(json),
                correlation);
    }

    private static Problem domainProblem(DomainException failure, String instance, String correlation) {
        return switch (failure) {
            case InvalidInputException e ->
                Problem.of("invalid-input", "Invalid input", 400, e.getMessage(), instance, e.field(), correlation);
            case NotFoundException e ->
                Problem.of("not-found", "Not found", 404, e.getMessage(), instance, null, correlation);
            case ConflictException e ->
                switch (e.reason()) {
                    case STALE_VERSION ->
                        Problem.of(
                                "stale-version",
                                "Changed by someone else",
                                409,
                                e.getMessage(),
                                instance,
                                e.field(),
                                correlation);
                    case DUPLICATE ->
                        Problem.of(
                                "duplicate", "Already exists", 409, e.getMessage(), instance, e.field(), correlation);
                    case STALE_SEQUENCE ->
                        Problem.of(
                                        "stale-sequence",
                                        "The project moved on",
                                        409,
                                        e.getMessage(),
                                        instance,
                                        e.field(),
                                        correlation)
                                .withCurrentSequence(e.currentSequence());
                    case KEY_REUSED ->
                        Problem.of(
                                "idempotency-key-reused",
                                "Idempotency key used for another request",
                                422,
                                e.getMessage(),
                                instance,
                                e.field(),
                                correlation);
                };
            case ActionBlockedException e ->
                Problem.of(
                                "action-blocked",
                                "Blocked by policy gates",
                                409,
                                e.getMessage(),
                                instance,
                                null,
                                correlation)
                        .withGates(GateViews.of(e.verdicts()));
            case LeaseHeldException e ->
                Problem.of(e.rule(), "Repository lease held", 409, e.getMessage(), instance, null, correlation)
                        .withLease(new Problem.LeaseHolder(
                                e.holder().toString(),
                                e.expiresAt(),
                                e.token().map(FencingToken::value).orElse(null)));
            case RuleViolationException e ->
                Problem.of(
                        "rule-violation",
                        "Refused by a rule: " + e.rule(),
                        409,
                        e.getMessage(),
                        instance,
                        null,
                        correlation);
            case UnauthenticatedException e ->
                Problem.of(
                        "unauthenticated", "Authentication required", 401, e.getMessage(), instance, null, correlation);
            case ForbiddenException e ->
                Problem.of("forbidden", "Permission required", 403, e.getMessage(), instance, null, correlation)
                        .withPermission(e.permission());
            case TooManyAttemptsException e ->
                Problem.of("too-many-attempts", "Too many attempts", 429, e.getMessage(), instance, null, correlation);
            case OverloadedException e ->
                Problem.of(
                        "overloaded", "Overloaded, try again later", 503, e.getMessage(), instance, null, correlation);
        };
    }

    private static Problem httpProblem(HttpResponseException e, Context ctx, String instance, String correlation) {
        return switch (e.getStatus()) {
            case 404 ->
                Problem.of(
                        "not-found",
                        "Not found",
                        404,
                        "no route for " + ctx.method() + " " + instance,
                        instance,
                        null,
                        correlation);
            case 405 ->
                Problem.of(
                        "method-not-allowed",
                        "Method not allowed",
                        405,
                        ctx.method() + " is not allowed on " + instance,
                        instance,
                        null,
                        correlation);
            case 413 ->
                Problem.of(
                        "payload-too-large",
                        "Request body too large",
                        413,
                        "the request body is larger than the server accepts",
                        instance,
                        "body",
                        correlation);
            default ->
                Problem.of(
                        "http-" + e.getStatus(),
                        e.getMessage(),
                        e.getStatus(),
                        e.getMessage(),
                        instance,
                        null,
                        correlation);
        };
    }

    /**
     * The JSON path of the field Jackson could not read, like {@code items[2].name}, or of a key given twice; the
     * body itself otherwise (syntax errors).
     */
    private static String fieldOf(JsonProcessingException failure) {
        if (failure instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.isEmpty() ? "body" : path.toString();
        }
        if (failure instanceof StreamReadException read
                && read.getProcessor() instanceof JsonParser parser
                && String.valueOf(read.getOriginalMessage()).startsWith("Duplicate field")) {
            return dotted(parser.getParsingContext().pathAsPointer().toString());
        }
        return "body";
    }

    /** {@code /events/3/name} as {@code events[3].name}. */
    private static String dotted(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.substring(1).split("/")) {
            if (segment.chars().allMatch(Character::isDigit) && !segment.isEmpty()) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".")
                        .append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
