package io.buildfactory.domain.shared;

import java.time.Duration;

/**
 * The service has no room for this now and accepted none of it: a transient refusal, safe to retry after
 * {@link #retryAfter()}.
 */
public final class OverloadedException extends DomainException {

    private final Duration retryAfter;

    public OverloadedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
