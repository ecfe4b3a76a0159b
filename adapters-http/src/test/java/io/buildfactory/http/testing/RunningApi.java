package io.buildfactory.http.testing;

import io.buildfactory.application.identity.port.in.AuthenticateUseCase;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.UnauthenticatedException;
import io.buildfactory.http.HttpApi;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.List;
import java.util.Random;

/** A real server on a free local port, stopped on close. */
public final class RunningApi implements AutoCloseable {

    private final Javalin app;
    private final HttpClientForTests client;

    private RunningApi(Javalin app) {
        this.app = app;
        this.client = new HttpClientForTests(app.port());
    }

    /** A server whose routes are all public or refuse every credential. */
    public static RunningApi start(List<RouteGroup> groups) {
        return start(groups, (token, request) -> {
            throw new UnauthenticatedException();
        });
    }

    public static RunningApi start(List<RouteGroup> groups, AuthenticateUseCase authentication) {
        HttpApi api = new HttpApi(
                Json.mapper(),
                new IdGenerator(Clock.systemUTC(), new Random(7)),
                authentication,
                groups,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                HttpApi.Limits.NONE);
        return new RunningApi(api.create("127.0.0.1", 0).start());
    }

    public HttpClientForTests client() {
        return client;
    }

    public Javalin app() {
        return app;
    }

    @Override
    public void close() {
        app.stop();
    }
}
