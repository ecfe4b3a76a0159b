package io.buildfactory.bootstrap;

import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.http.HttpApi;
import io.buildfactory.persistence.copy.DatabaseCopies;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: migrations applied (unless turned off), HTTP listening, and a clean stop. */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final BuildFactory app;
    private final HttpApi.Running http;
    private final Optional<HttpApi.Running> management;
    private final ScheduledExecutorService maintenance;

    private Server(
            BuildFactory app,
            HttpApi.Running http,
            Optional<HttpApi.Running> management,
            ScheduledExecutorService maintenance) {
        this.app = app;
        this.http = http;
        this.management = management;
        this.maintenance = maintenance;
    }

    public static Server start(AppConfig config, BuildFactory app) {
        DatabaseCopies.requireNoIncompleteCopy(app.database());
        if (config.migrateOnStart()) {
            List<String> applied = app.migrations().migrate(Optional.empty());
            LOG.atInfo()
                    .addKeyValue("applied", applied)
                    .addKeyValue("database", app.database().vendor().displayName())
                    .log("database migrated");
        }
        config.bootstrapAdmin()
                .ifPresent(admin -> app.bootstrapAdmin()
                        .createAdmin(
                                admin.email(),
                                admin.password(),
                                new RoleName("admin"),
                                true,
                                RequestContext.system("bootstrap-admin"))
                        .ifPresent(created -> LOG.atInfo()
                                .addKeyValue("userId", created.id())
                                .addKeyValue("email", admin.email())
                                .log("first administrator created from BF_BOOTSTRAP_ADMIN_EMAIL")));
        ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "session-sweep");
            thread.setDaemon(true);
            return thread;
        });
        // Maintenance runs as jobs: ticking enqueues each schedule's job once per period, the workers run it.
        maintenance.scheduleWithFixedDelay(() -> tick(app), 0, 5, TimeUnit.SECONDS);
        app.jobWorkers();
        HttpApi.Running http = app.httpApi().start(config.httpHost(), config.httpPort());
        LOG.atInfo()
                .addKeyValue("host", config.httpHost())
                .addKeyValue("port", http.port())
                .addKeyValue("database", app.database().vendor().displayName())
                .log("Build Factory listening");
        Optional<HttpApi.Running> management = Optional.empty();
        if (config.serving().managementPort().isPresent()) {
            management = Optional.of(app.httpApi()
                    .startManagement(
                            config.httpHost(),
                            config.serving().managementPort().getAsInt(),
                            app.metricsText()::scrape));
            LOG.atInfo()
                    .addKeyValue("port", management.get().port())
                    .log("management port serving /metrics, /health and /ready");
        }
        return new Server(app, http, management, maintenance);
    }

    /** Enqueues the maintenance jobs whose period has come; a failure waits for the next tick. */
    static void tick(BuildFactory app) {
        try {
            app.schedules().tick();
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("error", e.getClass().getSimpleName()).log("schedule tick failed; will retry");
        }
    }

    public BuildFactory app() {
        return app;
    }

    public int port() {
        return http.port();
    }

    public Optional<Integer> managementPort() {
        return management.map(HttpApi.Running::port);
    }

    /**
     * A graceful stop, as on SIGTERM: no new connections, requests in flight and running jobs finish within the
     * grace (both at once: neither waits for the other), jobs not started are given back for another server,
     * the telemetry queue is written out, and only then does the pool close.
     */
    @Override
    public void close() {
        maintenance.shutdownNow();
        Thread jobs = Thread.ofPlatform()
                .name("stop-jobs")
                .start(() -> app.jobWorkers().close());
        http.close();
        management.ifPresent(HttpApi.Running::close);
        joinQuietly(jobs);
        app.telemetrySink().close(); // drains the queue while the database is still open
        app.database().close();
        LOG.info("Build Factory stopped");
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
