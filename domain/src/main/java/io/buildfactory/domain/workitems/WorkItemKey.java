package io.buildfactory.domain.workitems;

import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A work item's human key within its project: {@code BF-213}, shown as {@code wi-BF-213}. */
public record WorkItemKey(ProjectKey project, long number) {

    private static final Pattern FORM = Pattern.compile("^(?:wi-)?([A-Z][A-Z0-9]{1,9})-([1-9][0-9]{0,9})$");

    public WorkItemKey {
        if (number < 1) {
            throw new IllegalArgumentException("work item numbers start at 1");
        }
    }

    /** Reads {@code BF-213} or {@code wi-BF-213}; empty for anything else (a ULID, say). */
    public static java.util.Optional<WorkItemKey> tryParse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        return m.matches()
                ? java.util.Optional.of(new WorkItemKey(new ProjectKey(m.group(1)), Long.parseLong(m.group(2))))
                : java.util.Optional.empty();
    }

    public static WorkItemKey parse(String text) {
        return tryParse(text).orElseThrow(() -> new InvalidInputException("key", "must look like BF-213 or wi-BF-213"));
    }

    /** The display form, {@code wi-BF-213}. */
    public String display() {
        return "wi-" + project.value() + "-" + number;
    }

    @Override
    public String toString() {
        return project.value() + "-" + number;
    }
}
