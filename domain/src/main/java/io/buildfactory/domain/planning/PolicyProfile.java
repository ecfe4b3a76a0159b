package io.buildfactory.domain.planning;

import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What work on a project's cards must satisfy: the checks that must pass (by name, as the code host reports
 * them) and the path patterns agents may and may not write (globs like {@code src/**}; forbidden wins), and how old
 * the oldest delivery signal of a work item may be before its queue truth is stale. One per project; version 0 is
 * the empty profile a project has before anyone sets one.
 */
public record PolicyProfile(
        ProjectId project,
        List<String> requiredChecks,
        List<String> allowedPaths,
        List<String> forbiddenPaths,
        Duration signalsStaleAfter,
        Optional<Instant> updatedAt,
        long version)
        implements Planned {

    public static final int MAX_ENTRIES = 200;
    public static final Duration DEFAULT_SIGNALS_STALE_AFTER = Duration.ofMinutes(15);
    public static final Duration MAX_SIGNALS_STALE_AFTER = Duration.ofDays(30);

    public PolicyProfile {
        Objects.requireNonNull(project, "project");
        requiredChecks = names("requiredChecks", requiredChecks, 200);
        allowedPaths = names("allowedPaths", allowedPaths, 500);
        forbiddenPaths = names("forbiddenPaths", forbiddenPaths, 500);
        // absent from run snapshots frozen before the threshold existed: those runs had the default
        signalsStaleAfter = signalsStaleAfter == null ? DEFAULT_SIGNALS_STALE_AFTER : signalsStaleAfter;
        if (signalsStaleAfter.compareTo(Duration.ofSeconds(1)) < 0
                || signalsStaleAfter.compareTo(MAX_SIGNALS_STALE_AFTER) > 0) {
            throw new InvalidInputException(
                    "signalsStaleAfterSeconds", "must be between 1 and " + MAX_SIGNALS_STALE_AFTER.toSeconds());
        }
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static PolicyProfile empty(ProjectId project) {
        return new PolicyProfile(
                project, List.of(), List.of(), List.of(), DEFAULT_SIGNALS_STALE_AFTER, Optional.empty(), 0);
    }

    /** The profile replaced whole, with the default staleness threshold. */
    public PolicyProfile edit(List<String> requiredChecks, List<String> allowed, List<String> forbidden, Instant now) {
        return edit(requiredChecks, allowed, forbidden, DEFAULT_SIGNALS_STALE_AFTER, now);
    }

    public PolicyProfile edit(
            List<String> requiredChecks,
            List<String> allowed,
            List<String> forbidden,
            Duration signalsStaleAfter,
            Instant now) {
        return new PolicyProfile(
                project, requiredChecks, allowed, forbidden, signalsStaleAfter, Optional.of(now), version);
    }

    public PolicyProfile nextVersion() {
        return new PolicyProfile(
                project, requiredChecks, allowedPaths, forbiddenPaths, signalsStaleAfter, updatedAt, version + 1);
    }

    /** Distinct, trimmed, non-blank entries without control characters, in the order given. */
    private static List<String> names(String field, List<String> entries, int maxLength) {
        Objects.requireNonNull(entries, field);
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidInputException(field, "must have at most " + MAX_ENTRIES + " entries");
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String entry : entries) {
            String e = Text.required(field, entry, maxLength);
            if (e.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new InvalidInputException(field, "entries must not contain control characters");
            }
            if (!seen.add(e)) {
                throw new InvalidInputException(field, "lists " + Text.quote(e) + " twice");
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public String reference() {
        return project.toString();
    }
}
