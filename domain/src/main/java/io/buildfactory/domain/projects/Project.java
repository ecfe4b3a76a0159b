package io.buildfactory.domain.projects;

import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A project: the home of work items, policies, conversations and (soon) plans. Its key never changes once
 * created, since work items are numbered under it ({@code wi-BF-213}); everything else can be edited.
 * {@code actionSequence} counts the planning actions applied to it.
 */
public record Project(
        ProjectId id,
        ProjectKey key,
        String name,
        String description,
        Optional<String> repoUrl,
        String defaultBranch,
        long actionSequence,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final int NAME_MAX = 100;
    public static final int DESCRIPTION_MAX = 4000;
    public static final String DEFAULT_BRANCH = "main";

    /** Where a repository can live: a web, SSH, git or file URL, or scp-like {@code user@host:path}. */
    private static final Pattern REPO_URL =
            Pattern.compile("^(?:(?i:https?|ssh|git\\+ssh|git|file)://[^\\s\\x00-\\x1f\\x7f]+"
                    + "|[A-Za-z0-9._-]+@[^\\s\\x00-\\x1f\\x7f:/]+:[^\\s\\x00-\\x1f\\x7f]+)$");

    /** A password or token in the URL itself: every reader of the project would see it. */
    private static final Pattern CREDENTIALS = Pattern.compile("^[A-Za-z+]+://[^/@]*:[^/@]*@");

    /** A branch name {@code git check-ref-format --branch} accepts. */
    private static final Pattern BRANCH = Pattern.compile("^(?!/)(?!-)(?!@$)(?!HEAD$)(?!.*//)(?!.*\\.\\.)(?!.*@\\{)"
            + "(?!(?:.*/)?\\.)(?!.*\\.lock(?:/|$))[^\\s~^:?*\\[\\\\\\x00-\\x1f\\x7f]+(?<!/)(?<!\\.)$");

    public Project {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        name = Text.required("name", name, NAME_MAX);
        description = description == null ? "" : description.strip();
        if (description.length() > DESCRIPTION_MAX) {
            throw new InvalidInputException("description", "must be at most " + DESCRIPTION_MAX + " characters");
        }
        if (description.indexOf('\u0000') >= 0) {
            throw new InvalidInputException("description", "must not contain the NUL character");
        }
        repoUrl = repoUrl.map(url -> Text.required("repoUrl", url, 2000));
        repoUrl.ifPresent(url -> {
            if (!REPO_URL.matcher(url).matches()) {
                throw new InvalidInputException(
                        "repoUrl", "must be an https://, ssh://, git://, file:// or user@host:path repository URL");
            }
            if (CREDENTIALS.matcher(url).find()) {
                throw new InvalidInputException(
                        "repoUrl", "must not carry a password or token: give the repository's address only");
            }
        });
        defaultBranch = Text.required("defaultBranch", defaultBranch, 250);
        if (!BRANCH.matcher(defaultBranch).matches()) {
            throw new InvalidInputException("defaultBranch", "must be a branch name git accepts, like main");
        }
        if (actionSequence < 0) {
            throw new IllegalArgumentException("actionSequence starts at 0");
        }
        createdAt = Timestamps.stored(createdAt);
        updatedAt = Timestamps.stored(updatedAt);
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    public static Project create(
            ProjectId id,
            ProjectKey key,
            String name,
            String description,
            Optional<String> repoUrl,
            Optional<String> defaultBranch,
            Instant now) {
        return new Project(id, key, name, description, repoUrl, defaultBranch.orElse(DEFAULT_BRANCH), 0, now, now, 1);
    }

    /** The same project with its editable fields changed; the key, sequence and version stay. */
    public Project edit(
            String newName, String newDescription, Optional<String> newRepoUrl, String newBranch, Instant now) {
        return new Project(
                id, key, newName, newDescription, newRepoUrl, newBranch, actionSequence, createdAt, now, version);
    }

    /** The project as an update stores it: one version on. */
    public Project nextVersion() {
        return new Project(
                id, key, name, description, repoUrl, defaultBranch, actionSequence, createdAt, updatedAt, version + 1);
    }
}
