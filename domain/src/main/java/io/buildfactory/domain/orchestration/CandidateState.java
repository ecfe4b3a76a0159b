package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Codes;
import java.util.Set;

/** A draft pull request: draft → ready → opened → merged | closed; it may be closed from any open state. */
public enum CandidateState implements Lifecycle<CandidateState> {
    DRAFT,
    READY,
    OPENED,
    MERGED,
    CLOSED;

    @Override
    public Set<CandidateState> next() {
        return switch (this) {
            case DRAFT -> Set.of(READY, CLOSED);
            case READY -> Set.of(OPENED, DRAFT, CLOSED);
            case OPENED -> Set.of(MERGED, CLOSED);
            case MERGED, CLOSED -> Set.of();
        };
    }

    public String code() {
        return Codes.of(this);
    }

    public static CandidateState parse(String code) {
        return Codes.parse(CandidateState.class, "state", code);
    }
}
