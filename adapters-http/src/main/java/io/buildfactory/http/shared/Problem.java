package io.buildfactory.http.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is stable and documented; {@code field} names the input at fault;
 * {@code correlationId} ties the response to the server's log line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String field,
        String permission,
        Object gates,
        List<String> accepted,
        Long currentSequence,
        LeaseHolder lease,
        String correlationId) {

    /** Who holds a repository's lease, until when, and its current token (409 lease-held, stale-fencing-token). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeaseHolder(String holder, java.time.Instant expiresAt, Long fencingToken) {}

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "/problems/";

    public static Problem of(
            String slug, String title, int status, String detail, String instance, String field, String correlationId) {
        return new Problem(
                TYPE_BASE + slug, title, status, detail, instance, field, null, null, null, null, null, correlationId);
    }

    public Problem withPermission(String name) {
        return new Problem(
                type,
                title,
                status,
                detail,
                instance,
                field,
                name,
                gates,
                accepted,
                currentSequence,
                lease,
                correlationId);
    }

    /** The policy-gate verdicts of a blocked action, so the caller sees how to recover. */
    public Problem withGates(Object verdicts) {
        return new Problem(
                type,
                title,
                status,
                detail,
                instance,
                field,
                permission,
                verdicts,
                accepted,
                currentSequence,
                lease,
                correlationId);
    }

    /** The media types a 415 would have accepted. */
    public Problem withAccepted(List<String> mediaTypes) {
        return new Problem(
                type,
                title,
                status,
                detail,
                instance,
                field,
                permission,
                gates,
                mediaTypes,
                currentSequence,
                lease,
                correlationId);
    }

    /** Where the project's planning is now (409 stale-sequence): catch up from the sequence sent to this one. */
    public Problem withCurrentSequence(long sequence) {
        return new Problem(
                type,
                title,
                status,
                detail,
                instance,
                field,
                permission,
                gates,
                accepted,
                sequence,
                lease,
                correlationId);
    }

    /** Who holds the lease a request needed, so the caller knows whom to ask and how long to wait. */
    public Problem withLease(LeaseHolder holder) {
        return new Problem(
                type,
                title,
                status,
                detail,
                instance,
                field,
                permission,
                gates,
                accepted,
                currentSequence,
                holder,
                correlationId);
    }
}
