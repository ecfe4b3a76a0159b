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
    private final ScheduledExecutorService maintenance;

    private Server(BuildFactory app, HttpApi.Running http, ScheduledExecutorService maintenance) {
        this.app = app;
        this.http = http;
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
        return new Server(app, http, maintenance);
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

    @Override
    public void close() {
        maintenance.shutdownNow();
        http.close();
        app.jobWorkers().close(); // running jobs finish (or are released) before the database goes
        app.telemetrySink().close(); // drains the queue while the database is still open
        app.database().close();
        LOG.info("Build Factory stopped");
    }
}
