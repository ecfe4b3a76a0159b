package io.buildfactory.application.telemetry;

import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
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

/** Builds typed telemetry envelopes (id, time, schema version, JSON payload) and hands them to the emitter. */
public final class TelemetryEnvelopes implements Telemetry {

    private final TelemetryEmitter emitter;
    private final IdGenerator ids;
    private final Clock clock;

    public TelemetryEnvelopes(TelemetryEmitter emitter, IdGenerator ids, Clock clock) {
        this.emitter = emitter;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Emits {@code type} with a flat payload of strings, numbers and booleans under the keys the catalogue names
     * for it. Never put content, tokens or passwords in a payload.
     */
    @Override
    public void emit(
            ServerEvent type,
            Optional<String> sessionId,
            Optional<UserId> userId,
            RequestContext request,
            Map<String, ?> payload) {
        // A programming error, caught by every test that passes here (tests run with -ea); never an outage.
        assert type.payloadKeys().containsAll(payload.keySet())
                : type + " declares " + type.payloadKeys() + " but was given " + payload.keySet();
        emitter.emit(new TelemetryEvent(
                new TelemetryEventId(ids.next()),
                new EventType(type.type()),
                sessionId,
                userId,
                Optional.empty(),
                request.correlationId(),
                clock.instant(),
                SCHEMA_VERSION,
                json(payload)));
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
