package io.buildfactory.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.buildfactory.application.system.port.in.CheckReadinessUseCase;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.http.HttpApi;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.shared.RouteGroup;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.system.SystemRoutes;
import java.util.List;
import java.util.Set;
import jakarta.inject.Singleton;

/** The HTTP API: every route group, each calling its use cases. */
@Module
interface HttpModule {

    @Provides
    @Singleton
    static ObjectMapper json() {
        return Json.mapper();
    }

    @Provides
    @Singleton
    static OpenApiDocument openApi(ObjectMapper json) {
        return OpenApiDocument.load(json);
    }

    @Provides
    @IntoSet
    static RouteGroup systemRoutes(CheckReadinessUseCase readiness, OpenApiDocument openApi) {
        return new SystemRoutes(readiness, openApi);
    }

    @Provides
    @Singleton
    static HttpApi httpApi(ObjectMapper json, IdGenerator ids, Set<RouteGroup> groups) {
        return new HttpApi(json, ids, List.copyOf(groups));
    }
}
