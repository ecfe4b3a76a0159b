package io.buildfactory.application.telemetry.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.identity.UserId;
import java.util.Map;
import java.util.Optional;

/** Emits the service's own telemetry: the port every context reports what it did through. Never throws. */
public interface Telemetry {

    /** The envelope's schema version for the events the service emits. */
    int SCHEMA_VERSION = 1;

    /**
     * Emits {@code type} with a flat payload of strings, numbers and booleans under the keys the catalogue names
     * for it. Never put content, tokens or passwords in a payload.
     */
    void emit(
            ServerEvent type,
            Optional<String> sessionId,
            Optional<UserId> userId,
            RequestContext request,
            Map<String, ?> payload);

    /** Emits {@code type} for what {@code actor} did, in their request, without a session id. */
    default void emit(ServerEvent type, Actor actor, Map<String, ?> payload) {
        emit(type, Optional.empty(), Optional.of(actor.userId()), actor.request(), payload);
    }
}
