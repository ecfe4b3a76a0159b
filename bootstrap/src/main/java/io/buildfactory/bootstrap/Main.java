package io.buildfactory.bootstrap;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

public final class Main {

    private Main() {}

    static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    public static void main(String[] args) {
        // before the first logger: Logback reads its configuration once, when one is first asked for
        if ("json".equals(System.getenv("BF_LOG_FORMAT")) && System.getProperty(LOGBACK_CONFIGURATION) == null) {
            System.setProperty(LOGBACK_CONFIGURATION, "logback-json.xml");
        }
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Cli cli = new Cli(
                System.getenv(),
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
        cli.terminal = CopyProgress.onTerminal();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            cli.stop.countDown();
                            try {
                                // let serve close the server and the database: requests, jobs, telemetry
                                cli.finished.await(
                                        cli.stopWithin.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "shutdown"));
        int code = cli.run(args);
        if (code != Cli.OK || !isServe(args)) {
            System.exit(code);
        }
    }

    private static boolean isServe(String[] args) {
        return args.length == 0 || args[0].equals("serve");
    }
}
