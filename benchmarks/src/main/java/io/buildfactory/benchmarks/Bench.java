package io.buildfactory.benchmarks;

import io.buildfactory.domain.shared.IdGenerator;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * The benchmark process's composition root for time and ids: the one clock every benchmark hands to what it
 * builds, and seeded id generators on it (seeded, so a run's ids are the same each time).
 */
final class Bench {

    private Bench() {}

    static final Clock CLOCK = Clock.systemUTC();

    static IdGenerator ids(long seed) {
        return new IdGenerator(CLOCK, new SplittableRandom(seed));
    }

    /** {@code psql -c command} against the database of {@code db}, in its schema, stopping at the first error. */
    static void psql(BenchDatabase db, String command) throws Exception {
        var url = java.net.URI.create(db.settings.url().substring("jdbc:".length()));
        String schema = db.settings.url().replaceAll(".*currentSchema=([^&]+).*", "$1");
        java.util.List<String> psql = new java.util.ArrayList<>(java.util.List.of(
                "psql",
                "-h",
                url.getHost(),
                "-p",
                String.valueOf(url.getPort()),
                "-d",
                url.getPath().substring(1),
                "-v",
                "ON_ERROR_STOP=1",
                "-q",
                "-c",
                command));
        db.settings.user().ifPresent(u -> psql.addAll(java.util.List.of("-U", u)));
        run(psql, "", java.util.Map.of("PGOPTIONS", "-c search_path=" + schema));
    }

    /** Runs {@code command} with {@code input} on its standard input; anything it prints is a failure. */
    static void run(java.util.List<String> command, String input, java.util.Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        try (var in = p.getOutputStream()) {
            in.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !output.isBlank()) {
            throw new IllegalStateException(command.getFirst() + " failed: " + output);
        }
    }
}
