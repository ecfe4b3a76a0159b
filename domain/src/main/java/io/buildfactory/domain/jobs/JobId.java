package io.buildfactory.domain.jobs;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a job. */
public record JobId(Ulid value) {

    public JobId {
        Objects.requireNonNull(value, "value");
    }

    public static JobId parse(String text) {
        return new JobId(Ulid.parse("jobId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
