package io.buildfactory.domain.repositories;

import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A git repository of a project: its name (unique in the project), default branch, visibility and where its
 * objects are stored. Its id is fixed for life; its settings change under its version and its lease.
 */
public record CodeRepository(
        RepositoryId id,
        ProjectId project,
        String name,
        String defaultBranch,
        Visibility visibility,
        String storageLocation,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern BRANCH = Pattern.compile("[^\\s~^:?*\\[\\\\]{1,250}");

    public CodeRepository {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        name = Text.required("name", name, 100);
        if (!NAME.matcher(name).matches() || name.endsWith(".git")) {
            throw new InvalidInputException(
                    "name",
                    "must be 1-100 letters, digits, '.', '_' or '-', start with a letter or digit, not end in .git");
        }
        defaultBranch = Text.required("defaultBranch", defaultBranch, 250);
        if (!BRANCH.matcher(defaultBranch).matches()
                || defaultBranch.startsWith("/")
                || defaultBranch.endsWith("/")
                || defaultBranch.endsWith(".lock")
                || defaultBranch.contains("..")
                || defaultBranch.contains("@{")) {
            throw new InvalidInputException("defaultBranch", "must be a valid git branch name");
        }
        Objects.requireNonNull(visibility, "visibility");
        storageLocation = Text.required("storageLocation", storageLocation, 2000);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    public static CodeRepository create(
            RepositoryId id,
            ProjectId project,
            String name,
            String defaultBranch,
            Visibility visibility,
            String storageLocation,
            Instant now) {
        return new CodeRepository(id, project, name, defaultBranch, visibility, storageLocation, now, now, 1);
    }

    /** The settings changed, one version on. */
    public CodeRepository withSettings(String defaultBranch, Visibility visibility, Instant now) {
        return new CodeRepository(
                id, project, name, defaultBranch, visibility, storageLocation, createdAt, now, version + 1);
    }
}
