package io.buildfactory.application.testing;

import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.identity.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The telemetry a use case emitted, in order. */
public final class RecordingTelemetry implements Telemetry {

    public record Emitted(ServerEvent type, Map<String, ?> payload) {}

    private final List<Emitted> emitted = new ArrayList<>();

    @Override
    public synchronized void emit(
            ServerEvent type,
            Optional<String> sessionId,
            Optional<UserId> userId,
            RequestContext request,
            Map<String, ?> payload) {
        emitted.add(new Emitted(type, Map.copyOf(payload)));
    }

    public synchronized List<ServerEvent> types() {
        return emitted.stream().map(Emitted::type).toList();
    }
}
