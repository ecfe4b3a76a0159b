package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.List;

/** The outcome of release-preparation checks: each check named, passed or not. */
public record ValidationResult(boolean passed, List<String> failures, Instant at) {

    public ValidationResult {
        failures = List.copyOf(failures);
        at = Timestamps.stored(at);
    }
}
