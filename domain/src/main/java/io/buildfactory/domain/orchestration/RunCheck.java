package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A quality gate of a run, by name; required when the project's profile lists the name among its checks. */
public record RunCheck(
        CheckId id,
        RunId run,
        String name,
        CheckStatus status,
        boolean required,
        Optional<String> detailsUrl,
        Instant createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> completedAt,
        long version) {

    public RunCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(run, "run");
        name = Text.required("name", name, 200);
        Objects.requireNonNull(status, "status");
        detailsUrl = Text.optional("detailsUrl", detailsUrl, 2000).map(RunCheck::httpUrl);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    private static String httpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new InvalidInputException("detailsUrl", "must be an http(s) URL");
            }
            return url;
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("detailsUrl", "must be an http(s) URL");
        }
    }

    public static RunCheck open(CheckId id, RunId run, String name, boolean required, Instant now) {
        return new RunCheck(
                id,
                run,
                name,
                CheckStatus.PENDING,
                required,
                Optional.empty(),
                now,
                Optional.empty(),
                Optional.empty(),
                1);
    }

    public RunCheck moveTo(CheckStatus next, Optional<String> details, Instant now) {
        status.check(next, "check");
        return new RunCheck(
                id,
                run,
                name,
                next,
                required,
                details.isPresent() ? details : detailsUrl,
                createdAt,
                next == CheckStatus.RUNNING ? Optional.of(now) : startedAt,
                next.terminal() ? Optional.of(now) : completedAt,
                version + 1);
    }
}
