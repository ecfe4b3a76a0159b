package io.buildfactory.domain.workitems;

import java.time.Instant;

/** A snapshot of a work item, captured for audit and validation views. */
public record HistoryEntry(
        String id, long itemVersion, String reason, String capturedBy, String snapshotJson, Instant at) {}
