package io.buildfactory.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Floods a running server's {@code POST /api/telemetry/events} with 1,000-event batches from several connections,
 * then waits for its sink to settle and compares what was acknowledged with what was written.
 * <pre>java -cp benchmarks/target/benchmarks.jar io.buildfactory.benchmarks.IngestFlood \
 *     http://127.0.0.1:8080 admin@example.com 'password' 8 10</pre>
 * Only loopback servers: the flood is bounded by its connection count and seconds, and stops by itself.
 */
public final class IngestFlood {

    static final int BATCH = 1_000;
    static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private IngestFlood() {}

    public static void main(String[] args) throws Exception {
        String base = args[0];
        if (!URI.create(base).getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1]")) {
            throw new IllegalArgumentException("floods only a server on this machine's loopback");
        }
        int connections = Integer.parseInt(args[3]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[4]));
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = field(
                post(
                                client,
                                base + "/api/auth/login",
                                null,
                                "{\"email\":\"" + args[1] + "\",\"password\":\"" + args[2] + "\"}")
                        .body(),
                "token");
        long writtenBefore = stat(client, base, token, "written");

        AtomicLong acknowledged = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long until = System.nanoTime() + length.toNanos();
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int sender = c;
            senders.add(Thread.ofPlatform().start(() -> {
                for (int n = 0; System.nanoTime() < until; n++) {
                    HttpResponse<String> answer = post(client, base + "/api/telemetry/events", token, batch(sender, n));
                    statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicLong())
                            .incrementAndGet();
                    Matcher accepted = ACCEPTED.matcher(answer.body());
                    if (answer.statusCode() == 202 && accepted.find()) {
                        acknowledged.addAndGet(Long.parseLong(accepted.group(1)));
                    } else {
                        refused.addAndGet(BATCH);
                    }
                }
            }));
        }
        for (Thread t : senders) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Settled: nothing queued, and nothing more written for a second (the writer may still hold a batch).
        long settleBy = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long previous = -1;
        long now = stat(client, base, token, "written");
        while ((now != previous || stat(client, base, token, "queued") > 0) && System.nanoTime() < settleBy) {
            Thread.sleep(1_000);
            previous = now;
            now = stat(client, base, token, "written");
        }
        long written = now - writtenBefore;
        System.out.printf(
                "flood %s: %d connections × %.1f s; answers %s%n", base, connections, seconds, new TreeMap<>(statuses));
        System.out.printf(
                "  acknowledged %,d events (%,.0f/s), written %,d (%,.0f/s), refused %,d;"
                        + " acknowledged but not written %,d (%.1f %%)%n",
                acknowledged.get(),
                acknowledged.get() / seconds,
                written,
                written / seconds,
                refused.get(),
                acknowledged.get() - written,
                acknowledged.get() == 0 ? 0.0 : 100.0 * (acknowledged.get() - written) / acknowledged.get());
    }

    static String batch(int sender, int n) {
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"eventType\":\"action.flood.tick\",\"payload\":{\"sender\":")
                    .append(sender)
                    .append(",\"batch\":")
                    .append(n)
                    .append(",\"i\":")
                    .append(i)
                    .append("}}");
        }
        return body.append("]}").toString();
    }

    static long stat(HttpClient client, String base, String token, String name) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/telemetry/stats"))
                .header("Authorization", "Bearer " + token)
                .build();
        return Long.parseLong(
                field(client.send(request, HttpResponse.BodyHandlers.ofString()).body(), name));
    }

    static HttpResponse<String> post(HttpClient client, String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + e, e);
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
