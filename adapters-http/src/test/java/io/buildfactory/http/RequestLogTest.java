package io.buildfactory.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.RunningApi;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RequestLogTest {

    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    final Logger requests = (Logger) LoggerFactory.getLogger("io.buildfactory.http.requests");
    RunningApi api;

    @BeforeEach
    void start() {
        lines.start();
        requests.addAppender(lines);
        requests.setLevel(Level.INFO);
        api = RunningApi.start(List.of(() -> List.of(ApiRoute.get("/ping", Access.open(), ctx -> ctx.result("pong")))));
    }

    @AfterEach
    void stop() {
        api.close();
        requests.detachAppender(lines);
    }

    Map<String, String> onlyLine() {
        assertEquals(1, lines.list.size(), "one line per request");
        return lines.list.getFirst().getKeyValuePairs().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)));
    }

    @Test
    void each_request_logs_one_line_with_method_path_status_duration_and_correlation_id() {
        HttpResult response = api.client().get("/ping?token=do-not-log-me", "X-Correlation-Id", "trace-123");
        assertEquals("trace-123", response.header("X-Correlation-Id"));
        Map<String, String> line = onlyLine();
        assertEquals("GET", line.get("method"));
        assertEquals("/ping", line.get("path"));
        assertEquals("200", line.get("status"));
        assertTrue(Double.parseDouble(line.get("durationMs")) >= 0);
        assertEquals("trace-123", line.get("correlationId"));
        assertFalse(lines.list.getFirst().getFormattedMessage().contains("do-not-log-me"));
        assertFalse(line.values().stream().anyMatch(v -> v.contains("do-not-log-me")));
    }

    @Test
    void a_correlation_id_is_generated_when_absent_and_replaced_when_unfit() {
        String generated = api.client().get("/ping").header("X-Correlation-Id");
        assertTrue(Ulid.isValid(generated), generated);

        String replaced = api.client()
                .get("/ping", "X-Correlation-Id", "bad id with spaces {}")
                .header("X-Correlation-Id");
        assertNotEquals("bad id with spaces {}", replaced);
        assertTrue(Ulid.isValid(replaced));
    }

    @Test
    void failures_are_logged_with_their_status_too() {
        HttpResult response = api.client().get("/missing");
        assertEquals(404, response.status());
        Map<String, String> line = onlyLine();
        assertEquals("404", line.get("status"));
        assertEquals(response.header("X-Correlation-Id"), line.get("correlationId"));
    }
}
