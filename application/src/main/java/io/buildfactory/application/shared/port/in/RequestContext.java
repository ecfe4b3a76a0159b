package io.buildfactory.application.shared.port.in;

import java.util.Objects;
import java.util.Optional;

/** Where a request came from: carried into audit events and telemetry. */
public record RequestContext(String correlationId, Optional<String> clientAddress, Optional<String> userAgent) {

    public RequestContext {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(clientAddress, "clientAddress");
        userAgent = userAgent.map(ua -> ua.length() > 200 ? ua.substring(0, 200) : ua);
    }

    /** Work the service starts itself (sweeps, bootstrap), correlated by its own id. */
    public static RequestContext system(String correlationId) {
        return new RequestContext(correlationId, Optional.empty(), Optional.empty());
    }
}
