package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** The pull request that delivers a work item. */
public record PullRequest(String url, State state) {

    public enum State {
        OPEN,
        MERGED,
        CLOSED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State fromCode(String code) {
            return Arrays.stream(values())
                    .filter(s -> s.code().equals(code))
                    .findFirst()
                    .orElseThrow(() ->
                            new InvalidInputException("pullRequest.state", "must be one of open, merged, closed"));
        }
    }

    public PullRequest {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 500) {
            throw new InvalidInputException("pullRequest.url", "must be an http(s) URL");
        }
        Objects.requireNonNull(state, "state");
    }
}
