package io.buildfactory.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The real application, started through its command line as `serve`, on a free port. */
final class RunningApp implements AutoCloseable {

    final Cli cli;
    final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit;

    private RunningApp(Map<String, String> env, Clock clock, StatementObservers observers) {
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("BF_HTTP_PORT", "0");
        withPort.put("BF_HTTP_HOST", "127.0.0.1");
        cli = new Cli(
                withPort,
                new java.io.BufferedReader(new java.io.StringReader("")),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                clock);
        cli.statementObservers = observers;
        // its own thread: serve blocks until stopped, and on a small machine it would take the common pool's only
        // worker, starving every library that runs work there (JGit measures file timestamps on it)
        exit = new CompletableFuture<>();
        Thread serving = new Thread(
                () -> {
                    try {
                        exit.complete(cli.run("serve"));
                    } catch (Throwable t) {
                        exit.completeExceptionally(t);
                    }
                },
                "test-server");
        serving.setDaemon(true);
        serving.start();
    }

    static RunningApp start(Map<String, String> env) {
        return start(env, Clock.systemUTC());
    }

    static RunningApp start(Map<String, String> env, Clock clock) {
        return start(env, clock, StatementObservers.NONE);
    }

    /** Started with {@code observers} seeing every statement its database runs. */
    static RunningApp start(Map<String, String> env, Clock clock, StatementObservers observers) {
        RunningApp app = new RunningApp(env, clock, observers);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (app.cli.server == null) {
            if (app.exit.isDone()) {
                throw new AssertionError("the server stopped at start-up: " + app.err);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the server did not start within 30 s");
            }
            Thread.onSpinWait();
        }
        return app;
    }

    BuildFactory app() {
        return cli.server.app();
    }

    int port() {
        return cli.server.port();
    }

    @Override
    public void close() {
        cli.stop.countDown();
        exit.join();
    }
}
