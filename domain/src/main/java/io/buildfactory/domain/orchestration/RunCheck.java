package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.HttpUrls;
import io.buildfactory.domain.shared.Text;
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
        detailsUrl = Text.optional("detailsUrl", detailsUrl, 2000).map(u -> HttpUrls.require("detailsUrl", u));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completedAt, "completedAt");
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
