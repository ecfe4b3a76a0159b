package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Codes;

/** How far a planned file has come. */
public enum PlannedFileStatus {
    PLANNED,
    IN_PROGRESS,
    DONE,
    DROPPED;

    public String code() {
        return Codes.of(this);
    }

    public static PlannedFileStatus parse(String code) {
        return Codes.parse(PlannedFileStatus.class, "status", code);
    }
}
