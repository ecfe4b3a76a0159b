package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over repository paths, as policy profiles write them: {@code *} matches within one segment, {@code ?}
 * one character of a segment, and {@code **} any number of whole segments ({@code src/**} is everything under
 * {@code src}, {@code **}{@code /*.md} every Markdown file). Every other character matches itself.
 */
public record PathPattern(String glob) {

    public PathPattern {
        Objects.requireNonNull(glob, "glob");
        if (glob.isBlank() || glob.startsWith("/")) {
            throw new InvalidInputException("path pattern", "must be a relative glob like src/**: " + glob);
        }
    }

    public boolean matches(String path) {
        return regex().matcher(path).matches();
    }

    private Pattern regex() {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i)) {
                out.append("(?:[^/]+/)*");
                i += 3;
            } else if (glob.startsWith("/**", i) && i + 3 == glob.length()) {
                out.append("(?:/.*)?");
                i += 3;
            } else if (glob.startsWith("**", i)) {
                out.append(".*");
                i += 2;
            } else if (c == '*') {
                out.append("[^/]*");
                i++;
            } else if (c == '?') {
                out.append("[^/]");
                i++;
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(out.toString());
    }
}
