package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.planning.PlannedFile;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A commit an execution produced, with the files it touched. A commit writing outside its assignment's allowed
 * paths, or inside a path the profile forbids, is kept (it happened) but flagged with the offending paths, and a
 * flagged commit keeps its candidate from going ready. A commit of an execution working on a repository keeps the
 * fencing token of the lease it was written under.
 */
public record AgentCommit(
        CommitId id,
        ExecutionId execution,
        String sha,
        String message,
        String author,
        List<FileChange> files,
        List<String> offendingPaths,
        Instant committedAt,
        Optional<FencingToken> writtenUnder) {

    private static final Pattern SHA = Pattern.compile("^(?:[0-9a-f]{40}|[0-9a-f]{64})$");
    public static final int MAX_FILES = 10_000;

    public record FileChange(String path, ChangeKind change) {
        public FileChange {
            path = PlannedFile.path("files[].path", path);
            Objects.requireNonNull(change, "change");
        }
    }

    public AgentCommit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(execution, "execution");
        sha = sha == null ? "" : sha.toLowerCase(Locale.ROOT);
        if (!SHA.matcher(sha).matches()) {
            throw new InvalidInputException("sha", "must be a full commit id: 40 (SHA-1) or 64 (SHA-256) hex digits");
        }
        message = Text.required("message", message, 20_000);
        author = Text.required("author", author, 300);
        files = List.copyOf(files);
        if (files.size() > MAX_FILES) {
            throw new InvalidInputException("files", "must list at most " + MAX_FILES + " files");
        }
        offendingPaths = List.copyOf(offendingPaths);
        Objects.requireNonNull(committedAt, "committedAt");
        Objects.requireNonNull(writtenUnder, "writtenUnder");
    }

    /** The commit as reported, flagged against what its assignment allows and what the profile forbids. */
    public static AgentCommit report(
            CommitId id,
            ExecutionId execution,
            String sha,
            String message,
            String author,
            List<FileChange> files,
            CardAssignment assignment,
            List<PathPattern> forbidden,
            Instant committedAt,
            Optional<FencingToken> writtenUnder) {
        List<String> offending = files.stream()
                .map(FileChange::path)
                .filter(path -> !assignment.allows(path) || forbidden.stream().anyMatch(p -> p.matches(path)))
                .distinct()
                .toList();
        return new AgentCommit(id, execution, sha, message, author, files, offending, committedAt, writtenUnder);
    }

    public boolean flagged() {
        return !offendingPaths.isEmpty();
    }
}
