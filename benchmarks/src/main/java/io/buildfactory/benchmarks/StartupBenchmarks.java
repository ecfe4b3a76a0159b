package io.buildfactory.benchmarks;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code startup} suite: from {@code java -jar} to the first {@code 200} of {@code /ready}, on a fresh SQLite
 * file every time (so migrations run), beside the 1.5 s goal. Three ways to start the same jar: plain; with a
 * class-data-sharing archive the JVM wrote at the end of an earlier run ({@code -XX:+AutoCreateSharedArchive});
 * with a Java 25 ahead-of-time cache recorded by a training run ({@code -XX:AOTCache}). Medians of five starts.
 */
final class StartupBenchmarks {

    private StartupBenchmarks() {}

    static final int STARTS = 5;

    static List<Measure> run(Path jar) throws Exception {
        Path dir = Files.createTempDirectory("bf-bench-start-");
        List<Measure> measures = new ArrayList<>();
        measures.add(measure("plain java -jar", jar, dir, List.of()));
        Path archive = dir.resolve("app.jsa");
        List<String> cds = List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
        startOnce(jar, dir, cds); // writes the archive as it exits
        measures.add(measure("with a CDS archive from an earlier run", jar, dir, cds));
        Path cache = dir.resolve("app.aot");
        startOnce(jar, dir, List.of("-XX:AOTCacheOutput=" + cache)); // the training run
        measures.add(measure("with an AOT cache from a training run", jar, dir, List.of("-XX:AOTCache=" + cache)));
        return measures;
    }

    private static Measure measure(String how, Path jar, Path dir, List<String> options) throws Exception {
        double[] millis = new double[STARTS];
        for (int i = 0; i < STARTS; i++) {
            millis[i] = startOnce(jar, dir, options);
        }
        Arrays.sort(millis);
        double median = millis[STARTS / 2];
        return new Measure(
                        "SQLite",
                        "start to /ready, fresh database, " + how + ", median ms (ref: the 1,500 ms goal)",
                        median,
                        1_500,
                        median / 1_500,
                        millis[STARTS - 1],
                        median)
                .print("ms");
    }

    /** Starts the server on a new SQLite file, waits for {@code /ready}, stops it. @return milliseconds taken */
    private static double startOnce(Path jar, Path dir, List<String> options) throws Exception {
        Path db = Files.createTempFile(dir, "start-", ".db");
        Files.delete(db);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().put("DATABASE_URL", "jdbc:sqlite:" + db);
        builder.environment().put("BF_HTTP_PORT", Integer.toString(port));
        builder.environment().put("BF_HTTP_HOST", "127.0.0.1");
        long start = System.nanoTime();
        Process server = builder.start();
        try {
            while (!ready(port)) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("the server stopped at start-up: " + dir.resolve("server.log"));
                }
                if (System.nanoTime() - start > 60_000_000_000L) {
                    throw new IllegalStateException("not ready within 60 s");
                }
                Thread.sleep(5);
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            server.destroy(); // SIGTERM: an orderly stop, during which the JVM writes a CDS or AOT file if asked
            server.waitFor();
        }
    }

    private static boolean ready(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + "/ready").toURL().openConnection();
            c.setConnectTimeout(200);
            c.setReadTimeout(2_000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }
}
