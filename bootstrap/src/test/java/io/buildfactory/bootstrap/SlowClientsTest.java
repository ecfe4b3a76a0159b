package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold on without getting anywhere: one that sends nothing, one that trickles its headers a byte at
 * a time, one that trickles its body. Each is cut off within the configured time, and while dozens of them hang
 * on, everyone else is served as usual.
 */
class SlowClientsTest {

    static final long IDLE_MILLIS = 2_000;

    TestDatabase db;
    RunningApp app;
    Api api;
    String admin;

    @BeforeEach
    void start() {
        db = TestDatabase.empty(Engine.SQLITE);
        Map<String, String> env = new HashMap<>(Api.withAdmin(db.databaseUrl()));
        env.put("BF_HTTP_IDLE_TIMEOUT_SECONDS", Long.toString(IDLE_MILLIS / 1000));
        env.put("BF_HTTP_MIN_REQUEST_BYTES_PER_SECOND", "1000");
        app = RunningApp.start(env);
        api = new Api(app.port());
        admin = api.admin();
    }

    @AfterEach
    void stop() {
        app.close();
        db.close();
    }

    @Test
    void a_connection_that_sends_nothing_is_closed_after_the_idle_timeout() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", app.port())) {
            long cutOff = millisUntilClosed(silent, () -> {});
            assertTrue(cutOff >= IDLE_MILLIS - 500 && cutOff <= IDLE_MILLIS + 3_000, "closed after " + cutOff + " ms");
        }
    }

    @Test
    void headers_trickled_a_byte_at_a_time_are_cut_off_although_every_byte_resets_the_idle_timeout() throws Exception {
        try (Socket slowloris = new Socket("127.0.0.1", app.port())) {
            OutputStream out = slowloris.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII));
            long cutOff = millisUntilClosed(slowloris, () -> {
                out.write('a'); // one byte every 250 ms: never idle, never done
                out.flush();
            });
            assertTrue(cutOff <= IDLE_MILLIS + 3_000, "cut off after " + cutOff + " ms");
        }
    }

    @Test
    void a_body_trickled_below_the_minimum_rate_is_refused_408_within_seconds() throws Exception {
        try (Socket trickler = new Socket("127.0.0.1", app.port())) {
            OutputStream out = trickler.getOutputStream();
            out.write(("POST /api/projects HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin
                            + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"key\":\"SLOW\",")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder answer = new StringBuilder();
            long cutOff = millisUntilClosed(
                    trickler,
                    () -> {
                        out.write("          ".getBytes(StandardCharsets.US_ASCII)); // 40 bytes a second
                        out.flush();
                    },
                    answer);
            assertTrue(cutOff <= IDLE_MILLIS + 3_000, "cut off after " + cutOff + " ms");
            assertTrue(answer.toString().startsWith("HTTP/1.1 408"), "answered: " + answer);
        }
        assertEquals(404, api.get("/api/projects/SLOW", admin).status(), "nothing of it was stored");
    }

    @Test
    void while_sixty_slow_clients_hang_on_everyone_else_is_served() throws Exception {
        ExecutorService slow = Executors.newVirtualThreadPerTaskExecutor();
        AtomicBoolean going = new AtomicBoolean(true);
        List<CompletableFuture<Long>> cutOffs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean body = i % 2 == 0;
            cutOffs.add(CompletableFuture.supplyAsync(
                    () -> {
                        try (Socket s = new Socket("127.0.0.1", app.port())) {
                            OutputStream out = s.getOutputStream();
                            out.write((body
                                            ? "POST /api/telemetry/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                                    + admin + "\r\nContent-Length: 100000\r\n\r\n"
                                            : "GET /ready HTTP/1.1\r\nHost: x\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            return millisUntilClosed(s, () -> {
                                if (going.get()) {
                                    out.write(' ');
                                    out.flush();
                                }
                            });
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    slow));
        }
        long slowest = 0;
        for (int i = 0; i < 40; i++) {
            long began = System.nanoTime();
            assertEquals(200, api.get("/api/projects", admin).status());
            slowest = Math.max(slowest, (System.nanoTime() - began) / 1_000_000);
            Thread.sleep(50);
        }
        for (CompletableFuture<Long> cutOff : cutOffs) {
            assertTrue(cutOff.get() <= IDLE_MILLIS + 4_000, "a slow client was cut off after " + cutOff.get() + " ms");
        }
        going.set(false);
        slow.shutdown();
        assertTrue(slowest < 1_000, "the others were answered as usual: slowest " + slowest + " ms");
    }

    @FunctionalInterface
    interface Trickle {
        void next() throws IOException;
    }

    private static long millisUntilClosed(Socket socket, Trickle trickle) throws IOException {
        return millisUntilClosed(socket, trickle, new StringBuilder());
    }

    /**
     * Calls {@code trickle} every 250 ms until the server closes the connection (or 15 s pass), collecting what
     * it answered; the milliseconds that took.
     */
    private static long millisUntilClosed(Socket socket, Trickle trickle, StringBuilder answer) throws IOException {
        long began = System.nanoTime();
        socket.setSoTimeout(250);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while ((System.nanoTime() - began) / 1_000_000 < 15_000) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return (System.nanoTime() - began) / 1_000_000;
                }
                answer.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            } catch (SocketTimeoutException stillOpen) {
                try {
                    trickle.next();
                } catch (IOException reset) {
                    return (System.nanoTime() - began) / 1_000_000; // the server closed it as we wrote
                }
            } catch (IOException reset) {
                return (System.nanoTime() - began) / 1_000_000;
            }
        }
        throw new AssertionError("still open after 15 s; the server answered: " + answer);
    }
}
