package io.buildfactory.benchmarks;

import io.buildfactory.persistence.DatabaseSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server under HTTP load: the fat jar started in its own process on a fresh database of each kind, load
 * from {@code wrk} in another, and each authenticated read measured beside the same server's ceiling
 * ({@code GET /health}: no authentication, no database) in the same run. The ratio is what counts: absolute
 * figures move with whatever else the two cores are doing.
 */
final class HttpBenchmarks {

    private HttpBenchmarks() {}

    record Load(double requestsPerSecond, double p50Millis, double p99Millis, long errors) {}

    static final String EMAIL = "bench@example.com";
    static final String PASSWORD = "bench-passphrase-123";

    /** Runs the suite on {@code target} ({@code sqlite} or a PostgreSQL URL) with the server jar at {@code jar}. */
    static List<Measure> run(String target, Path jar, Duration each, int connections) throws Exception {
        return run(target, jar, each, connections, Duration.ZERO);
    }

    /**
     * @param steady after the suite, appends at half their peak rate for this long, the server's live heap,
     *     threads and open files sampled every 30 s (zero: no steady run)
     */
    static List<Measure> run(String target, Path jar, Duration each, int connections, Duration steady)
            throws Exception {
        Path dir = Files.createTempDirectory("bf-http-");
        String engine = target.equals("sqlite") ? "SQLite" : "PostgreSQL";
        String url;
        Runnable cleanup;
        if (target.equals("sqlite")) {
            url = "jdbc:sqlite:" + dir.resolve("bench.db");
            cleanup = () -> {};
        } else {
            DatabaseSettings server = DatabaseSettings.fromUrl(target, 1);
            String schema = "http_" + System.currentTimeMillis();
            sql(server, "CREATE SCHEMA " + schema);
            url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema
                    + server.user().map(u -> "&user=" + u).orElse("")
                    + server.password().map(p -> "&password=" + p).orElse("");
            cleanup = () -> sql(server, "DROP SCHEMA " + schema + " CASCADE");
        }
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("DATABASE_URL", url);
        env.put("BF_HTTP_PORT", Integer.toString(port));
        env.put("BF_HTTP_HOST", "127.0.0.1");
        env.put("BF_BOOTSTRAP_ADMIN_EMAIL", EMAIL);
        env.put("BF_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        env.put("BF_GIT_ROOT", dir.resolve("git").toString());
        env.put("BF_LOG_LEVEL", "WARN");
        // wrk sends tens of thousands of requests a second as one user from one address: the limits stay on (their
        // cost is measured) but far above what the run reaches
        env.put("BF_RATE_LIMIT_USER_PER_MINUTE", "100000000");
        env.put("BF_RATE_LIMIT_ADDRESS_PER_MINUTE", "100000000");
        Process server = builder.start();
        String base = "http://127.0.0.1:" + port;
        try {
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            awaitReady(client, base, server);
            String token = field(
                    post(
                                    client,
                                    base + "/api/auth/login",
                                    null,
                                    "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}")
                            .body(),
                    "token");
            post(client, base + "/api/projects", token, "{\"key\":\"BF\",\"name\":\"Bench\"}");
            String item = field(
                    post(
                                    client,
                                    base + "/api/control-plane/items",
                                    token,
                                    "{\"projectKey\":\"BF\",\"title\":\"Bench" + " item\",\"workType\":\"feature\"}")
                            .body(),
                    "key");

            wrk(base + "/health", null, Duration.ofSeconds(3), connections); // warm the JIT
            Load ceiling = wrk(base + "/health", null, each, connections);
            List<Measure> measures = new ArrayList<>();
            measures.add(new Measure(
                    engine,
                    "GET /health",
                    ceiling.requestsPerSecond(),
                    ceiling.requestsPerSecond(),
                    1,
                    ceiling.p99Millis()));
            for (String path : List.of("/api/auth/session", "/api/control-plane/items/" + item)) {
                wrk(base + path, token, Duration.ofSeconds(3), connections);
                Load load = wrk(base + path, token, each, connections);
                if (load.errors() > 0) {
                    throw new IllegalStateException(path + " answered " + load.errors() + " non-2xx responses");
                }
                measures.add(new Measure(
                        engine,
                        "GET " + path.replace(item, "{id}"),
                        load.requestsPerSecond(),
                        ceiling.requestsPerSecond(),
                        load.requestsPerSecond() / ceiling.requestsPerSecond(),
                        load.p99Millis(),
                        load.p50Millis()));
            }
            // p99 at about half the peak rate: each connection waits PACE_MILLIS after every answer, and there are
            // as many connections as half the peak rate needs (wrk2's constant rate is not packaged here)
            Path paced = dir.resolve("paced.lua");
            Files.writeString(paced, "function delay() return " + PACE_MILLIS + " end\n");
            for (Measure m : List.copyOf(measures)) {
                if (m.name().equals("GET /health")) {
                    continue;
                }
                String path = m.name().substring("GET ".length()).replace("{id}", item);
                // each connection makes one request per (pace + latency): a short probe, then as many connections
                // as half the peak rate needs at the rate each one made in the probe
                int probe = (int) Math.max(2, Math.round(m.ours() / 2 * PACE_MILLIS / 1000.0));
                Load probed = wrk(base + path, token, Duration.ofSeconds(3), probe, paced);
                int pacedConnections =
                        (int) Math.max(1, Math.round(probe * (m.ours() / 2) / probed.requestsPerSecond()));
                Load half = wrk(base + path, token, each, pacedConnections, paced);
                measures.add(new Measure(
                        engine,
                        m.name() + " at half load (rate ÷ peak)",
                        half.requestsPerSecond(),
                        m.ours(),
                        half.requestsPerSecond() / m.ours(),
                        half.p99Millis()));
            }

            // writes: appends to one conversation from 32 clients, beside one durable commit per write on this disk
            String conversation = field(
                    post(client, base + "/api/conversations", token, "{\"title\":\"Bench\",\"projectKey\":\"BF\"}")
                            .body(),
                    "id");
            Path append = dir.resolve("append.lua");
            Files.writeString(
                    append,
                    "wrk.method = \"POST\"\n"
                            + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                            + "wrk.body = '{\"agentId\":\"agent-1\",\"request\":\"" + PROSE + "\"}'\n");
            String exchanges = base + "/api/conversations/" + conversation + "/exchanges";
            wrk(exchanges, token, Duration.ofSeconds(3), connections, append);
            Load appends = wrk(exchanges, token, each, connections, append);
            if (appends.errors() > 0) {
                throw new IllegalStateException("appends answered " + appends.errors() + " non-2xx responses");
            }
            double reference = target.equals("sqlite")
                    ? sqliteCommitLoop(dir.resolve("loop.db"), each)
                    : pgbench(target, each, connections, dir);
            if (target.equals("sqlite")) {
                double sameWrites = sqliteSameWritesLoop(dir.resolve("same.db"), each);
                measures.add(new Measure(
                        engine,
                        "POST /api/conversations/{id}/exchanges (ref: the same writes, one transaction each, JDBC loop)",
                        appends.requestsPerSecond(),
                        sameWrites,
                        appends.requestsPerSecond() / sameWrites,
                        appends.p99Millis()));
            }
            measures.add(new Measure(
                    engine,
                    "POST /api/conversations/{id}/exchanges ("
                            + (target.equals("sqlite")
                                    ? "ref: one durable commit per row, JDBC loop"
                                    : "ref: pgbench, same writes, " + connections + " clients")
                            + ")",
                    appends.requestsPerSecond(),
                    reference,
                    appends.requestsPerSecond() / reference,
                    appends.p99Millis()));
            // work-item actions a gate refuses: each answer is a 409 written after its denied audit entry commits
            String complete = base + "/api/control-plane/items/" + item + "/actions/complete";
            int refusal = client.send(
                            HttpRequest.newBuilder(URI.create(complete))
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (refusal != 409) {
                throw new IllegalStateException("completing a backlog item answered " + refusal + ", not 409");
            }
            Path act = dir.resolve("act.lua");
            Files.writeString(act, "wrk.method = \"POST\"\n");
            wrk(complete, token, Duration.ofSeconds(3), connections, act);
            Load refused = wrk(complete, token, each, connections, act); // every answer a 409: "errors" are all
            measures.add(new Measure(
                    engine,
                    "POST …/actions/complete refused by a gate, 409 + denied audit entry (ref: as the appends)",
                    refused.requestsPerSecond(),
                    reference,
                    refused.requestsPerSecond() / reference,
                    refused.p99Millis()));
            if (!steady.isZero()) {
                measures.addAll(steadily(engine, server, exchanges, token, append, appends, steady));
            }
            double peakMb = ServerProcess.peakRssKb(server.pid()) / 1024.0;
            measures.add(new Measure(engine, "server peak RSS over the suite, MB (ref: itself)", peakMb, peakMb, 1, 0));
            for (Measure m : measures) {
                System.out.printf(
                        Locale.ROOT,
                        "%-11s %-70s %10.0f /s  %5.2f× (ref %8.0f)  p99 %6.2f ms%n",
                        m.engine(),
                        m.name(),
                        m.ours(),
                        m.ratio(),
                        m.reference(),
                        m.p99Millis());
            }
            return measures;
        } finally {
            server.destroy();
            server.waitFor();
            cleanup.run();
        }
    }

    /**
     * Appends paced to about half their peak rate for {@code length}; the live heap (after a full collection),
     * threads and open files are sampled every 30 s, and the last sample is set beside the one taken a minute in,
     * once the pools, caches and JIT have settled.
     */
    private static List<Measure> steadily(
            String engine, Process server, String exchanges, String token, Path append, Load peak, Duration length)
            throws Exception {
        Path paced = append.resolveSibling("paced-append.lua");
        Files.writeString(paced, Files.readString(append) + "function delay() return " + PACE_MILLIS + " end\n");
        int probe = (int) Math.max(2, Math.round(peak.requestsPerSecond() / 2 * PACE_MILLIS / 1000.0));
        Load probed = wrk(exchanges, token, Duration.ofSeconds(3), probe, paced);
        int pacedConnections =
                (int) Math.max(1, Math.round(probe * (peak.requestsPerSecond() / 2) / probed.requestsPerSecond()));
        List<ServerProcess.Sample> samples = new ArrayList<>();
        long rounds = Math.max(3, length.toSeconds() / 30);
        double appended = 0;
        for (int i = 0; i < rounds; i++) {
            Load round = wrk(exchanges, token, Duration.ofSeconds(30), pacedConnections, paced);
            if (round.errors() > 0) {
                throw new IllegalStateException("steady appends answered " + round.errors() + " non-2xx responses");
            }
            appended += round.requestsPerSecond() * 30;
            samples.add(ServerProcess.sample(server.pid()));
            System.out.printf(
                    Locale.ROOT,
                    "%s steady appends, minute %.1f: %.0f/s, live heap %.1f MB, %d threads, %d open files%n",
                    engine,
                    (i + 1) / 2.0,
                    round.requestsPerSecond(),
                    samples.getLast().liveHeapKb() / 1024.0,
                    samples.getLast().threads(),
                    samples.getLast().openFiles());
        }
        ServerProcess.Sample settled = samples.get(1);
        ServerProcess.Sample last = samples.getLast();
        String during = String.format(
                Locale.ROOT,
                " after %d min of appends at %.0f/s (%.0f appends; ref: a minute in)",
                length.toMinutes(),
                appended / (rounds * 30),
                appended);
        return List.of(
                Measure.beside(
                        engine, "live heap, MB" + during, last.liveHeapKb() / 1024.0, settled.liveHeapKb() / 1024.0),
                Measure.beside(engine, "threads" + during, last.threads(), settled.threads()),
                Measure.beside(engine, "open files" + during, last.openFiles(), settled.openFiles()));
    }

    static final int PACE_MILLIS = 2;

    /** About 200 characters of ordinary prose, nothing the sensitive-data scanner acts on. */
    static final String PROSE = "Reviewed the migration plan for the billing export: the batch job moves to the"
            + " nightly window, the report keeps its columns, and the rollback step is written down in the runbook"
            + " for release 4.2.";

    /**
     * The disk's bound for one durable commit per write: a single JDBC connection on a fresh SQLite file with the
     * server's pragmas (WAL, {@code synchronous=FULL}) inserting one row of the same size per transaction.
     */
    static double sqliteCommitLoop(Path file, Duration length) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (var s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
            }
            c.setAutoCommit(false);
            long rows = 0;
            long start = System.nanoTime();
            long end = start + length.toNanos();
            try (var insert = c.prepareStatement("INSERT INTO rows (body) VALUES (?)")) {
                while (System.nanoTime() < end) {
                    insert.setString(1, PROSE);
                    insert.executeUpdate();
                    c.commit();
                    rows++;
                }
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * What one SQLite writer can do with an append's own writes and nothing else: a single JDBC connection on a
     * fresh file with the server's pragmas, each transaction moving the conversation's counter and inserting the
     * exchange and its history line (the statements pgbench runs on PostgreSQL).
     */
    static double sqliteSameWritesLoop(Path file, Duration length) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (var s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE conversations (id INTEGER PRIMARY KEY, last_sequence INTEGER NOT NULL)");
                s.execute("INSERT INTO conversations VALUES (1, 0)");
                s.execute("CREATE TABLE exchanges (id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL,"
                        + " sequence INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL)");
                s.execute("CREATE TABLE history (id INTEGER PRIMARY KEY, exchange_id INTEGER NOT NULL,"
                        + " state TEXT NOT NULL, at TEXT NOT NULL)");
            }
            c.setAutoCommit(false);
            long rows = 0;
            long start = System.nanoTime();
            long end = start + length.toNanos();
            try (var claim =
                            c.prepareStatement("UPDATE conversations SET last_sequence = last_sequence + 1 WHERE id = 1"
                                    + " RETURNING last_sequence");
                    var exchange = c.prepareStatement(
                            "INSERT INTO exchanges (conversation_id, sequence, body, created_at) VALUES (1, ?, ?, ?)");
                    var history = c.prepareStatement(
                            "INSERT INTO history (exchange_id, state, at) VALUES (last_insert_rowid(), 'recorded', ?)")) {
                while (System.nanoTime() < end) {
                    long sequence;
                    try (var r = claim.executeQuery()) {
                        r.next();
                        sequence = r.getLong(1);
                    }
                    String now = Bench.CLOCK.instant().toString();
                    exchange.setLong(1, sequence);
                    exchange.setString(2, PROSE);
                    exchange.setString(3, now);
                    exchange.executeUpdate();
                    history.setString(1, now);
                    history.executeUpdate();
                    c.commit();
                    rows++;
                }
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * pgbench on the same PostgreSQL with {@code clients} clients, each transaction what an append writes: the
     * conversation row locked and its counter moved, the exchange and its history line inserted.
     */
    static double pgbench(String target, Duration length, int clients, Path dir) throws Exception {
        DatabaseSettings server = DatabaseSettings.fromUrl(target, 1);
        String schema = "pgbench_" + System.currentTimeMillis();
        sql(server, "CREATE SCHEMA " + schema);
        try {
            sql(
                    server,
                    "CREATE TABLE " + schema + ".conversations (id int PRIMARY KEY, last_sequence bigint NOT NULL)");
            sql(server, "INSERT INTO " + schema + ".conversations VALUES (1, 0)");
            sql(
                    server,
                    "CREATE TABLE " + schema + ".exchanges (id bigserial PRIMARY KEY, conversation_id int NOT NULL,"
                            + " sequence bigint NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            sql(
                    server,
                    "CREATE TABLE " + schema + ".history (id bigserial PRIMARY KEY, exchange_id bigint NOT NULL,"
                            + " state text NOT NULL, at timestamptz NOT NULL DEFAULT now())");
            Path script = dir.resolve("append.sql");
            Files.writeString(
                    script,
                    "BEGIN;\n"
                            + "UPDATE " + schema
                            + ".conversations SET last_sequence = last_sequence + 1 WHERE id = 1;\n"
                            + "INSERT INTO " + schema + ".exchanges (conversation_id, sequence, body)"
                            + " VALUES (1, 0, '" + PROSE + "');\n"
                            + "INSERT INTO " + schema + ".history (exchange_id, state) VALUES (currval('" + schema
                            + ".exchanges_id_seq'), 'recorded');\n"
                            + "COMMIT;\n");
            java.net.URI uri = java.net.URI.create(target.replaceFirst("^jdbc:", ""));
            List<String> command = new ArrayList<>(List.of(
                    "pgbench",
                    "-n",
                    "-c",
                    Integer.toString(clients),
                    "-j",
                    "2",
                    "-T",
                    Long.toString(length.toSeconds()),
                    "-f",
                    script.toString(),
                    "-h",
                    uri.getHost(),
                    "-p",
                    Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort())));
            server.user().ifPresent(user -> command.addAll(List.of("-U", user)));
            command.add(uri.getPath().substring(1));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            server.password().ifPresent(password -> builder.environment().put("PGPASSWORD", password));
            Process pgbench = builder.start();
            String out = new String(pgbench.getInputStream().readAllBytes());
            if (pgbench.waitFor() != 0) {
                throw new IllegalStateException("pgbench failed: " + out);
            }
            Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
            if (!tps.find()) {
                throw new IllegalStateException("no tps in pgbench's output: " + out);
            }
            return Double.parseDouble(tps.group(1));
        } finally {
            sql(server, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("\\s(50|99)%\\s+([0-9.]+)(us|ms|s)");

    /**
     * {@code wrk -t2 -c<connections>} for {@code length} (one thread for one connection: wrk wants no more threads
     * than connections): the rate, the latency percentiles, the failures.
     */
    static Load wrk(String url, String token, Duration length, int connections) throws Exception {
        return wrk(url, token, length, connections, null);
    }

    /** As {@link #wrk(String, String, Duration, int)}, with a wrk Lua {@code script} (a POST body, a pace). */
    static Load wrk(String url, String token, Duration length, int connections, Path script) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t" + Math.min(2, connections),
                "-c" + connections,
                "-d" + length.toSeconds() + "s",
                "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output: " + out);
        }
        double p50 = 0;
        double p99 = 0;
        Matcher percentile = PERCENTILE.matcher(out);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2));
            double millis = switch (percentile.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
            if (percentile.group(1).equals("50")) {
                p50 = millis;
            } else {
                p99 = millis;
            }
        }
        Matcher errors = NON_2XX.matcher(out);
        return new Load(
                Double.parseDouble(rate.group(1)), p50, p99, errors.find() ? Long.parseLong(errors.group(1)) : 0);
    }

    private static void awaitReady(HttpClient client, String base, Process server) throws Exception {
        Instant deadline = Bench.CLOCK.instant().plusSeconds(60);
        while (Bench.CLOCK.instant().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server stopped at start-up");
            }
            try {
                HttpResponse<String> ready = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server was not ready within 60 s");
    }

    private static HttpResponse<String> post(HttpClient client, String url, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sql(DatabaseSettings s, String statement) {
        try (Connection c = DriverManager.getConnection(
                s.url(), s.user().orElse(null), s.password().orElse(null))) {
            c.createStatement().execute(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
