package io.buildfactory.domain.telemetry;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A namespaced event type: {@code action.*}, {@code exchange.*}, {@code job.*}, {@code review.*} or
 * {@code launch.*}, in lower-case dotted segments, e.g. {@code action.auth.login}.
 */
public record EventType(String value) {

    private static final Pattern FORM = Pattern.compile("^(action|exchange|job|review|launch)(\\.[a-z][a-z0-9-]*)+$");

    public EventType {
        if (value == null || value.length() > 120 || !FORM.matcher(value).matches()) {
            throw new InvalidInputException(
                    "eventType",
                    "must be action.*, exchange.*, job.*, review.* or launch.* in lower-case dotted segments");
        }
    }

    public String namespace() {
        return value.substring(0, value.indexOf('.'));
    }

    @Override
    public String toString() {
        return value;
    }
}
