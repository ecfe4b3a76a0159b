package io.buildfactory.bootstrap;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** {@code db copy} from the database {@code args[0]} to {@code args[1]}, in a JVM of its own for a test to kill. */
final class CopyKillDriver {

    private CopyKillDriver() {}

    public static void main(String[] args) {
        Cli cli = new Cli(
                Map.of("DATABASE_URL", args[0]),
                new java.io.BufferedReader(new java.io.StringReader("")),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
        System.exit(cli.run("db", "copy", "--to", args[1]));
    }
}
