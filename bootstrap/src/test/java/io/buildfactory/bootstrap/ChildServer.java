package io.buildfactory.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The server as shipped ({@link Main}, its own logback set-up, JSON logs) in a JVM of its own on a free port: for
 * tests that stop it with a signal. Its log lines are collected as they come.
 */
final class ChildServer implements AutoCloseable {

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildServer(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the server stopped
            }
        });
    }

    /** Starts {@code serve} with {@code env} (plus JSON logs on a free local port). */
    static ChildServer start(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("BF_LOG_FORMAT", "json");
        all.put("BF_HTTP_PORT", "0");
        all.put("BF_HTTP_HOST", "127.0.0.1");
        return new ChildServer(ChildJvm.start(all, List.of(), Main.class));
    }

    /** The port named by the first line logging {@code message}, waiting for the server to write it. */
    int portLogged(String message) throws Exception {
        JsonNode line = await(lines, l -> l.path("formattedMessage").asText().equals(message));
        return Integer.parseInt(kv(line, "port").orElseThrow());
    }

    /** The API's port, once the server listens. */
    int port() throws Exception {
        return portLogged("Build Factory listening");
    }

    /** SIGTERM, through the process handle: {@link Process#destroy} would close our ends of its pipes. */
    void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL, likewise. */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Waits for the process to exit and its last lines to be read. */
    boolean awaitExit(long seconds) throws InterruptedException {
        boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
        reader.join(5_000);
        return exited;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
        reader.join(5_000);
    }

    /** The first line, as JSON, that {@code wanted} accepts, waiting up to 20 s for the server to write it. */
    static JsonNode await(List<String> lines, Predicate<JsonNode> wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (String line : lines) {
                JsonNode parsed = JSON.readTree(line);
                if (wanted.test(parsed)) {
                    return parsed;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such line among " + lines);
    }

    /** A key=value pair of the line ({@code kvpList}: one single-member object per pair). */
    static Optional<String> kv(JsonNode line, String key) {
        for (JsonNode pair : line.path("kvpList")) {
            if (pair.has(key)) {
                return Optional.of(pair.get(key).asText());
            }
        }
        return Optional.empty();
    }
}
