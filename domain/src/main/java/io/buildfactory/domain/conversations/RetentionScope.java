package io.buildfactory.domain.conversations;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** Where a retention policy applies: everywhere, to a project's conversations, or to one conversation. */
public enum RetentionScope {
    GLOBAL,
    PROJECT,
    CONVERSATION;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RetentionScope fromCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("scope", "must be one of global, project, conversation"));
    }
}
