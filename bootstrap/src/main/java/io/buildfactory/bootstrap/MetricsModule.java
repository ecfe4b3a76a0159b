package io.buildfactory.bootstrap;

import dagger.Module;
import dagger.Provides;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.http.telemetry.TelemetryRoutes;
import io.buildfactory.persistence.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;

/** Micrometer, published in the Prometheus text format at {@code /metrics}: see {@link Meters}. */
@Module
interface MetricsModule {

    @Provides
    @Singleton
    static PrometheusMeterRegistry prometheus(Database database) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Meters.bindJvm(registry);
        database.instrument(registry);
        return registry;
    }

    @Provides
    @Singleton
    static MeterRegistry meters(PrometheusMeterRegistry registry) {
        return registry;
    }

    @Provides
    @Singleton
    static TelemetryRoutes.MetricsText metricsText(
            PrometheusMeterRegistry registry,
            BufferedTelemetrySink sink,
            io.buildfactory.application.jobs.port.in.QueryJobsUseCase jobs) {
        Meters.bindTelemetrySink(sink, registry);
        Meters.bindJobs(jobs, registry);
        return () -> Meters.scrape(registry, sink);
    }
}
