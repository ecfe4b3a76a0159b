package io.buildfactory.bootstrap;

import io.buildfactory.persistence.DatabaseSettings;
import io.buildfactory.persistence.Migrations;
import io.buildfactory.persistence.copy.DatabaseCopy;
import io.buildfactory.persistence.copy.SqliteBackup;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: {@code serve} (the default), {@code db migrate [--target V] [--dry-run]}, {@code db info},
 * {@code db validate}. Failures print one line, never a stack trace.
 */
@Command(
        name = "build-factory",
        mixinStandardHelpOptions = true,
        version = "Build Factory 0.1.0",
        description = "The Build Factory control plane.",
        subcommands = {Cli.Serve.class, Cli.Db.class, Cli.Admin.class, Cli.Audit.class})
public final class Cli implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_CONFIG = 2;

    private final Map<String, String> env;
    private final java.io.BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    /** Counted down to stop a running server; tests and the shutdown hook use it. */
    final CountDownLatch stop = new CountDownLatch(1);
    /** Counted down when the command has finished, the server closed and the database with it. */
    final CountDownLatch finished = new CountDownLatch(1);

    volatile Server server;
    /** How long the shutdown hook waits for a stop: the server's grace, and time to drain and close after it. */
    volatile java.time.Duration stopWithin = java.time.Duration.ofSeconds(10);

    /** Whether standard output is a terminal, where progress is redrawn in place. */
    boolean terminal;

    /** What sees every statement of the applications this command line wires: nothing, unless a test asks. */
    StatementObservers statementObservers = StatementObservers.NONE;

    Cli(Map<String, String> env, java.io.BufferedReader in, PrintWriter out, PrintWriter err, Clock clock) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Runs the command line and returns the process exit code. */
    int run(String... args) {
        CommandLine line = new CommandLine(this)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    err.println("build-factory: " + oneLine(e));
                    err.flush();
                    return e instanceof AppConfig.ConfigException ? BAD_CONFIG : FAILED;
                });
        try {
            return line.execute(args.length == 0 ? new String[] {"serve"} : args);
        } finally {
            out.flush();
            err.flush();
            finished.countDown();
        }
    }

    private static String oneLine(Throwable e) {
        if (e instanceof AppConfig.ConfigException) {
            return "configuration error: " + e.getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    @Override
    public Integer call() {
        return new CommandLine(this).execute("serve");
    }

    /** Runs {@code command} against a freshly wired application and closes its database afterwards. */
    int withApplication(java.util.function.ToIntFunction<BuildFactory> command) {
        BuildFactory app = BuildFactory.create(AppConfig.fromEnvironment(env), clock, statementObservers);
        try {
            return command.applyAsInt(app);
        } finally {
            app.telemetrySink().close(); // writes what the command emitted
            app.database().close();
        }
    }

    @Command(name = "serve", description = "Run the HTTP server (the default).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli cli;

        @Override
        public Integer call() throws InterruptedException {
            AppConfig config = AppConfig.fromEnvironment(cli.env);
            cli.stopWithin = config.serving().shutdownGrace().plusSeconds(30);
            BuildFactory app = BuildFactory.create(config, cli.clock, cli.statementObservers);
            try {
                cli.server = Server.start(config, app);
            } catch (RuntimeException e) {
                app.database().close();
                throw e;
            }
            cli.stop.await();
            cli.server.close();
            return OK;
        }
    }

    @Command(
            name = "db",
            description = "Database schema: migrate, info, validate; copy to PostgreSQL; back up SQLite.",
            subcommands = {Db.Migrate.class, Db.Info.class, Db.Validate.class, Db.Copy.class, Db.Backup.class})
    static final class Db {
        @CommandLine.ParentCommand
        Cli cli;

        @Command(name = "migrate", description = "Apply pending migrations.")
        static final class Migrate implements Callable<Integer> {
            @CommandLine.ParentCommand
            Db db;

            @Option(names = "--target", paramLabel = "VERSION", description = "Stop at this version.")
            String target;

            @Option(names = "--dry-run", description = "List pending migrations and their SQL; change nothing.")
            boolean dryRun;

            @Override
            public Integer call() {
                Cli cli = db.cli;
                return cli.withApplication(app -> {
                    Migrations migrations = app.migrations();
                    if (dryRun) {
                        List<Migrations.Pending> pending = migrations.pending(Optional.ofNullable(target));
                        cli.out.println(pending.size() + " pending migration(s); dry run, nothing changed.");
                        for (Migrations.Pending p : pending) {
                            cli.out.println();
                            cli.out.println("-- V" + p.version() + " " + p.description() + " (" + p.script() + ")");
                            cli.out.println(p.sql().strip());
                        }
                        return OK;
                    }
                    List<String> applied = migrations.migrate(Optional.ofNullable(target));
                    cli.out.println(
                            applied.isEmpty()
                                    ? "Schema is up to date; nothing applied."
                                    : "Applied " + applied.size() + " migration(s): " + String.join(", ", applied));
                    return OK;
                });
            }
        }

        @Command(name = "info", description = "Show every migration and whether it is applied.")
        static final class Info implements Callable<Integer> {
            @CommandLine.ParentCommand
            Db db;

            @Override
            public Integer call() {
                return db.cli.withApplication(app -> {
                    db.cli.out.printf("%-8s %-30s %-10s %s%n", "VERSION", "DESCRIPTION", "STATE", "APPLIED AT");
                    for (Migrations.Status s : app.migrations().info()) {
                        db.cli.out.printf(
                                "%-8s %-30s %-10s %s%n",
                                s.version(),
                                s.description(),
                                s.state(),
                                s.appliedAt().map(Object::toString).orElse("-"));
                    }
                    return OK;
                });
            }
        }

        @Command(name = "validate", description = "Check applied migrations against the shipped files.")
        static final class Validate implements Callable<Integer> {
            @CommandLine.ParentCommand
            Db db;

            @Override
            public Integer call() {
                return db.cli.withApplication(app -> {
                    app.migrations().validate();
                    db.cli.out.println("Migrations are valid.");
                    return OK;
                });
            }
        }

        @Command(
                name = "backup",
                description = "Write a consistent copy of the SQLite database to FILE while the server keeps serving,"
                        + " checked with integrity_check before it takes FILE's name. (PostgreSQL: use pg_dump.)")
        static final class Backup implements Callable<Integer> {
            @CommandLine.ParentCommand
            Db db;

            @CommandLine.Parameters(paramLabel = "FILE", description = "The new file; it must not exist yet.")
            java.nio.file.Path file;

            @Override
            public Integer call() {
                Cli cli = db.cli;
                return cli.withApplication(app -> {
                    try {
                        var done = SqliteBackup.backUp(app.database(), file);
                        cli.out.printf(
                                "Backed up %s to %s: %,d bytes, %d tables, integrity_check ok.%n",
                                app.database().location(), done.file(), done.bytes(), done.tables());
                        return OK;
                    } catch (SqliteBackup.BackupFailed failed) {
                        cli.err.println("build-factory: " + failed.getMessage());
                        return FAILED;
                    }
                });
            }
        }

        @Command(
                name = "copy",
                description = "Copy the database DATABASE_URL names (normally the SQLite file) into a PostgreSQL"
                        + " database, every table, from one snapshot while the server may keep serving; then compare"
                        + " both row by row and verify the audit chain on the target. Exit 0 only when all agree.")
        static final class Copy implements Callable<Integer> {
            @CommandLine.ParentCommand
            Db db;

            @Option(
                    names = "--to",
                    required = true,
                    paramLabel = "URL",
                    description = "The target: jdbc:postgresql://host/db or postgres://user:pass@host/db.")
            String to;

            @Option(
                    names = "--force",
                    description = "Empty a target that holds data (it lists what) or an interrupted copy, then copy.")
            boolean force;

            @Override
            public Integer call() {
                Cli cli = db.cli;
                try {
                    DatabaseSettings.fromUrl(to, 1);
                } catch (IllegalArgumentException e) {
                    throw new AppConfig.ConfigException("--to", e.getMessage());
                }
                Map<String, String> targetEnv = new java.util.HashMap<>(cli.env);
                targetEnv.put("DATABASE_URL", to);
                AppConfig targetConfig = AppConfig.fromEnvironment(targetEnv);
                return cli.withApplication(app -> {
                    BuildFactory target = BuildFactory.create(targetConfig, cli.clock, cli.statementObservers);
                    try {
                        return copy(cli, app, target);
                    } finally {
                        target.telemetrySink().close();
                        target.database().close();
                    }
                });
            }

            private int copy(Cli cli, BuildFactory source, BuildFactory target) {
                var copy = new DatabaseCopy(
                        source.database(),
                        target.database(),
                        cli.clock,
                        io.buildfactory.domain.shared.IdGenerator.secure(cli.clock));
                DatabaseCopy.Report report;
                try {
                    report = copy.run(force, new CopyProgress(cli.out, cli.terminal));
                } catch (DatabaseCopy.CopyRefused refused) {
                    cli.err.println("build-factory: copy refused: " + refused.getMessage());
                    return FAILED;
                }
                if (!report.equal()) {
                    cli.out.println("MISMATCH: " + report.mismatch().orElseThrow()
                            + ". The target stays marked incomplete; no server will start on it.");
                    return FAILED;
                }
                cli.out.printf(
                        "Copied %,d rows in %.1f s (%,d rows/s); compared with the snapshot in %.1f s: %d tables equal.%n",
                        report.rows(),
                        report.copying().toMillis() / 1000.0,
                        CopyProgress.rate(report.rows(), report.copying()),
                        report.verifying().toMillis() / 1000.0,
                        report.tables().size());
                long empty = 0;
                for (DatabaseCopy.TableReport table : report.tables()) {
                    if (table.rows() == 0) {
                        empty++;
                    } else {
                        cli.out.printf(
                                "  %-32s %,12d rows  sha256 %s%n", table.table(), table.rows(), table.checksum());
                    }
                }
                if (empty > 0) {
                    cli.out.println("  and " + empty + " empty table(s), empty on both sides");
                }
                var copied = target.auditVerification().verifyAsSystem();
                var original = source.auditVerification().verifyAsSystemUpTo(copied.entries());
                if (!copied.intact()
                        || !original.intact()
                        || original.entries() != copied.entries()
                        || !original.headHash().equals(copied.headHash())) {
                    cli.out.println("AUDIT MISMATCH: the target's chain "
                            + (copied.intact()
                                    ? "ends at " + copied.entries() + " with " + copied.headHash()
                                    : "breaks at " + copied.firstBroken().orElseThrow() + ": "
                                            + copied.problem().orElse(""))
                            + "; the source's "
                            + (original.intact()
                                    ? "holds " + original.entries() + " up to " + original.headHash()
                                    : "breaks at " + original.firstBroken().orElseThrow())
                            + ". The target stays marked incomplete.");
                    return FAILED;
                }
                copy.markComplete(report);
                cli.out.println("Audit chain verified on the target: " + copied.entries() + " entries, head hash "
                        + copied.headHash() + ", as on the source.");
                cli.out.println("OK: the target is a complete copy. Point DATABASE_URL at it to serve from it.");
                return OK;
            }
        }
    }

    @Command(
            name = "admin",
            description = "Administration without the HTTP API.",
            subcommands = {Admin.CreateUser.class})
    static final class Admin {
        @CommandLine.ParentCommand
        Cli cli;

        @Command(
                name = "create-user",
                description =
                        "Create a person with a role, e.g. the first administrator. "
                                + "The password is read from BF_ADMIN_PASSWORD or, if that is unset, from the first line of stdin.")
        static final class CreateUser implements Callable<Integer> {
            @CommandLine.ParentCommand
            Admin admin;

            @Option(names = "--email", required = true, description = "The new user's email address.")
            String email;

            @Option(names = "--role", defaultValue = "admin", description = "Role to give (default: ${DEFAULT-VALUE}).")
            String role;

            @Override
            public Integer call() throws java.io.IOException {
                Cli cli = admin.cli;
                String password = cli.env.get("BF_ADMIN_PASSWORD");
                if (password == null) {
                    password = cli.in.readLine();
                }
                if (password == null || password.isEmpty()) {
                    throw new io.buildfactory.domain.shared.InvalidInputException(
                            "password", "must be given on stdin or in BF_ADMIN_PASSWORD");
                }
                String secret = password;
                return cli.withApplication(app -> {
                    app.migrations().migrate(Optional.empty());
                    var user = app.bootstrapAdmin()
                            .createAdmin(
                                    email,
                                    secret,
                                    new io.buildfactory.domain.identity.RoleName(role),
                                    false,
                                    io.buildfactory.application.shared.port.in.RequestContext.system("cli-create-user"))
                            .orElseThrow();
                    cli.out.println("Created user " + user.id() + " <" + user.email() + "> with role " + role + ".");
                    return OK;
                });
            }
        }
    }

    @Command(
            name = "audit",
            description = "The audit log.",
            subcommands = {Audit.Verify.class})
    static final class Audit {
        @CommandLine.ParentCommand
        Cli cli;

        @Command(name = "verify", description = "Walk the hash chain; exit 0 when intact, 1 at the first broken entry.")
        static final class Verify implements Callable<Integer> {
            @CommandLine.ParentCommand
            Audit audit;

            @Override
            public Integer call() {
                Cli cli = audit.cli;
                return cli.withApplication(app -> {
                    var v = app.auditVerification().verifyAsSystem();
                    if (v.intact()) {
                        cli.out.println("OK: " + v.entries() + " entries, head hash " + v.headHash());
                        return OK;
                    }
                    cli.out.println("BROKEN at sequence " + v.firstBroken().orElseThrow() + ": "
                            + v.problem().orElse("") + " (" + v.entries() + " entries before it are intact)");
                    return FAILED;
                });
            }
        }
    }
}
