package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A file a card plans to touch: its path in the repository (relative, forward slashes, no {@code .} or
 * {@code ..} segments), what kind of file, what will be done to it and why. One plan per path per card.
 */
public record PlannedFile(
        PlannedFileId id,
        CardId card,
        String logicalPath,
        Optional<String> moduleHint,
        ArtifactKind artifactKind,
        FileAction action,
        String intentSummary,
        Optional<String> contractNotes,
        PlannedFileStatus status,
        Rank rank,
        Instant createdAt,
        Instant updatedAt,
        long version)
        implements Planned {

    public static final int PATH_MAX = 1000;

    public PlannedFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(card, "card");
        logicalPath = path("logicalPath", logicalPath);
        moduleHint = Text.optional("moduleHint", moduleHint, 200);
        Objects.requireNonNull(artifactKind, "artifactKind");
        Objects.requireNonNull(action, "action");
        intentSummary = Text.required("intentSummary", intentSummary, 4000);
        contractNotes = Text.optional("contractNotes", contractNotes, 10_000);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rank, "rank");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A relative path inside a repository, as git would store it. */
    public static String path(String field, String path) {
        String p = Text.required(field, path, PATH_MAX);
        if (p.startsWith("/") || p.endsWith("/") || p.contains("\\")) {
            throw new InvalidInputException(field, "must be a relative path with forward slashes, like src/Main.java");
        }
        for (String segment : p.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidInputException(field, "must not have empty, . or .. segments");
            }
        }
        if (p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException(field, "must not contain control characters");
        }
        return p;
    }

    public static PlannedFile create(
            PlannedFileId id,
            CardId card,
            String logicalPath,
            Optional<String> moduleHint,
            ArtifactKind artifactKind,
            FileAction action,
            String intentSummary,
            Optional<String> contractNotes,
            PlannedFileStatus status,
            Rank rank,
            Instant now) {
        return new PlannedFile(
                id,
                card,
                logicalPath,
                moduleHint,
                artifactKind,
                action,
                intentSummary,
                contractNotes,
                status,
                rank,
                now,
                now,
                1);
    }

    public PlannedFile edit(
            String logicalPath,
            Optional<String> moduleHint,
            ArtifactKind artifactKind,
            FileAction action,
            String intentSummary,
            Optional<String> contractNotes,
            PlannedFileStatus status,
            Instant now) {
        return new PlannedFile(
                id,
                card,
                logicalPath,
                moduleHint,
                artifactKind,
                action,
                intentSummary,
                contractNotes,
                status,
                rank,
                createdAt,
                now,
                version);
    }

    public PlannedFile movedTo(Rank rank, Instant now) {
        return new PlannedFile(
                id,
                card,
                logicalPath,
                moduleHint,
                artifactKind,
                action,
                intentSummary,
                contractNotes,
                status,
                rank,
                createdAt,
                now,
                version);
    }

    public PlannedFile nextVersion() {
        return new PlannedFile(
                id,
                card,
                logicalPath,
                moduleHint,
                artifactKind,
                action,
                intentSummary,
                contractNotes,
                status,
                rank,
                createdAt,
                updatedAt,
                version + 1);
    }

    @Override
    public String reference() {
        return id.toString();
    }
}
