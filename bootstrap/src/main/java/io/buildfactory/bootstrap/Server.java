package io.buildfactory.bootstrap;

import io.buildfactory.http.HttpApi;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: migrations applied (unless turned off), HTTP listening, and a clean stop. */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final BuildFactory app;
    private final HttpApi.Running http;

    private Server(BuildFactory app, HttpApi.Running http) {
        this.app = app;
        this.http = http;
    }

    public static Server start(AppConfig config, BuildFactory app) {
        if (config.migrateOnStart()) {
            List<String> applied = app.migrations().migrate(Optional.empty());
            LOG.atInfo().addKeyValue("applied", applied).addKeyValue("database", app.database().vendor().displayName())
                    .log("database migrated");
        }
        HttpApi.Running http = app.httpApi().start(config.httpHost(), config.httpPort());
        LOG.atInfo().addKeyValue("host", config.httpHost()).addKeyValue("port", http.port())
                .addKeyValue("database", app.database().vendor().displayName()).log("Build Factory listening");
        return new Server(app, http);
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        app.database().close();
        LOG.info("Build Factory stopped");
    }
}
