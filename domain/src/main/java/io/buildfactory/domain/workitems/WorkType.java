package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

public enum WorkType {
    FEATURE,
    IMPLEMENTATION,
    BUG,
    CHORE,
    RESEARCH;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkType fromCode(String code) {
        return Arrays.stream(values())
                .filter(t -> t.code().equals(code))
                .findFirst()
                .orElseThrow(WorkType::missing);
    }

    /** The refusal of a work type that is absent or not one of ours. */
    public static InvalidInputException missing() {
        return new InvalidInputException(
                "workType",
                "must be one of "
                        + String.join(
                                ", ",
                                Arrays.stream(values()).map(WorkType::code).toList()));
    }
}
