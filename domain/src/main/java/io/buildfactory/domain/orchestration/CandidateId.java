package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies the draft pull request of an assignment. */
public record CandidateId(Ulid value) {

    public CandidateId {
        Objects.requireNonNull(value, "value");
    }

    public static CandidateId parse(String text) {
        return new CandidateId(Ulid.parse("candidateId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
