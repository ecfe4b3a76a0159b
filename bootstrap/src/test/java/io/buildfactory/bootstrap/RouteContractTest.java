package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildfactory.http.HttpApi;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The served routes and docs/openapi.yaml describe the same API: nothing undocumented, nothing imaginary. */
class RouteContractTest {

    @Test
    void every_registered_route_is_documented_and_every_documented_route_exists() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE)) {
            BuildFactory app = BuildFactory.create(
                    AppConfig.fromEnvironment(Map.of("DATABASE_URL", db.databaseUrl())), Clock.systemUTC());
            HttpApi api = app.httpApi();
            Javalin javalin = api.create("127.0.0.1", 0);
            TreeSet<String> registered = javalin.unsafe.internalRouter.allHttpHandlers().stream()
                    .filter(e -> HandlerType.commonHttp().contains(e.endpoint.method)) // not before/after filters
                    .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                    .collect(Collectors.toCollection(TreeSet::new));
            TreeSet<String> declared = api.routes().stream()
                    .map(r -> r.method().name() + " " + r.path())
                    .collect(Collectors.toCollection(TreeSet::new));
            TreeSet<String> documented =
                    new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree()).operations();

            assertEquals(declared, registered, "the route table is what Javalin serves");
            assertEquals(documented, registered, "served routes vs docs/openapi.yaml");
            app.database().close();
        }
    }
}
