package io.buildfactory.application.telemetry;

import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.telemetry.port.out.TelemetryEmitter;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.telemetry.EventType;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryEventId;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds typed telemetry envelopes for the use cases and hands them to the emitter. */
public final class Telemetry {

    public static final int SCHEMA_VERSION = 1;

    private final TelemetryEmitter emitter;
    private final IdGenerator ids;
    private final Clock clock;

    public Telemetry(TelemetryEmitter emitter, IdGenerator ids, Clock clock) {
        this.emitter = emitter;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Emits {@code type} with a flat payload of strings, numbers and booleans. Never put content, tokens or
     * passwords in a payload.
     */
    public void emit(String type, Optional<String> sessionId, Optional<UserId> userId, RequestContext request,
                     Map<String, ?> payload) {
        emitter.emit(new TelemetryEvent(new TelemetryEventId(ids.next()), new EventType(type), sessionId, userId,
                Optional.empty(), request.correlationId(), clock.instant(), SCHEMA_VERSION, json(payload)));
    }

    static String json(Map<String, ?> payload) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(payload).forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, key);
            out.append(':');
            if (value == null) {
                out.append("null");
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                string(out, value.toString());
            }
        });
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
