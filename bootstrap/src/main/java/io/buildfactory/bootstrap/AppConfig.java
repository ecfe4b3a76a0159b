package io.buildfactory.bootstrap;

import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.identity.SessionPolicy;
import io.buildfactory.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration, read once from environment variables. A bad value stops start-up with one line that names the
 * variable and what is wrong.
 */
public record AppConfig(
        DatabaseSettings database,
        String httpHost,
        int httpPort,
        boolean migrateOnStart,
        SessionPolicy sessions,
        Duration sweepInterval,
        int passwordHashConcurrency,
        Optional<BootstrapAdmin> bootstrapAdmin,
        Duration telemetryRetention,
        int telemetryQueueCapacity,
        int telemetryClientQueueCapacity,
        int jobWorkers,
        Duration jobClaim,
        Duration jobRetention,
        Duration executionLease,
        Conversations conversations,
        Path gitRoot,
        boolean mirrorLocalRemotes,
        Limits limits,
        Serving serving) {

    /**
     * How this server takes part in a deployment and treats its connections: its name among the servers on one
     * database (in job claims and logs), how long an idle connection and a slow request body may hold on, how
     * long a stop waits for requests in flight, and the management port that serves {@code /metrics} apart from
     * the API when set.
     */
    public record Serving(
            String instance,
            Duration idleTimeout,
            int minRequestBytesPerSecond,
            Duration shutdownGrace,
            java.util.OptionalInt managementPort) {}

    /**
     * Requests a minute a server takes from one authenticated user and from one client address (0: no limit), and
     * the proxies ({@code BF_TRUSTED_PROXIES}, CIDRs) whose {@code X-Forwarded-For} names the client.
     */
    public record Limits(int userPerMinute, int addressPerMinute, java.util.List<String> trustedProxies) {}

    /** How conversations are governed: protection of sensitive findings, the key for sealing, the deletion grace. */
    public record Conversations(ContentProtection.Mode protection, Optional<byte[]> contentKey, Duration deleteGrace) {
        @Override
        public String toString() {
            return "Conversations[protection=" + protection + ", contentKey="
                    + (contentKey.isPresent() ? "***" : "none") + ", deleteGrace=" + deleteGrace + "]";
        }
    }

    /** The first administrator, created on an empty database only. The password is never logged. */
    public record BootstrapAdmin(String email, String password) {
        @Override
        public String toString() {
            return "BootstrapAdmin[email=" + email + ", password=***]";
        }
    }

    public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:./data/buildfactory.db";

    /** A configuration value that cannot be used. The message is meant for the operator, as it is. */
    public static final class ConfigException extends RuntimeException {
        ConfigException(String variable, String problem) {
            super(variable + " " + problem);
        }
    }

    public static AppConfig fromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault("DATABASE_URL", DEFAULT_DATABASE_URL);
        int poolSize = integer(env, "BF_DB_POOL_SIZE", 8, 1, 200);
        DatabaseSettings database;
        try {
            database = DatabaseSettings.fromUrl(url, poolSize);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("DATABASE_URL", e.getMessage());
        }
        database.sqliteFile().ifPresent(AppConfig::requireUsableFolder);
        String logLevel = env.getOrDefault("BF_LOG_LEVEL", "INFO").strip().toUpperCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(logLevel)) {
            throw new ConfigException(
                    "BF_LOG_LEVEL",
                    "must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got '" + env.get("BF_LOG_LEVEL") + "'");
        }
        String logFormat = env.getOrDefault("BF_LOG_FORMAT", "text");
        if (!logFormat.equals("text") && !logFormat.equals("json")) { // Main picks logback.xml or logback-json.xml
            throw new ConfigException("BF_LOG_FORMAT", "must be text or json, got '" + logFormat + "'");
        }
        String host = env.getOrDefault("BF_HTTP_HOST", "0.0.0.0").strip();
        if (host.isEmpty()) {
            throw new ConfigException("BF_HTTP_HOST", "must not be empty");
        }
        Duration idle = Duration.ofMinutes(integer(env, "BF_SESSION_IDLE_MINUTES", 30, 1, 24 * 60));
        Duration absolute = Duration.ofHours(integer(env, "BF_SESSION_ABSOLUTE_HOURS", 12, 1, 24 * 30));
        if (absolute.compareTo(idle) < 0) {
            throw new ConfigException("BF_SESSION_IDLE_MINUTES", "must not exceed BF_SESSION_ABSOLUTE_HOURS");
        }
        SessionPolicy sessions = new SessionPolicy(
                idle,
                absolute,
                Duration.ofMinutes(1).compareTo(idle) < 0 ? Duration.ofMinutes(1) : Duration.ofSeconds(1));
        Duration sweep = Duration.ofSeconds(integer(env, "BF_SESSION_SWEEP_SECONDS", 60, 1, 86_400));
        int hashing = integer(
                env,
                "BF_PASSWORD_HASH_CONCURRENCY",
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                1,
                256);
        String adminEmail = env.get("BF_BOOTSTRAP_ADMIN_EMAIL");
        String adminPassword = env.get("BF_BOOTSTRAP_ADMIN_PASSWORD");
        Optional<BootstrapAdmin> admin = Optional.empty();
        if (adminEmail != null && !adminEmail.isBlank()) {
            if (adminPassword == null || adminPassword.isEmpty()) {
                throw new ConfigException(
                        "BF_BOOTSTRAP_ADMIN_PASSWORD", "must be set when BF_BOOTSTRAP_ADMIN_EMAIL is");
            }
            admin = Optional.of(new BootstrapAdmin(adminEmail.strip(), adminPassword));
        }
        return new AppConfig(
                database,
                host,
                integer(env, "BF_HTTP_PORT", 8080, 0, 65535),
                bool(env, "BF_MIGRATE_ON_START", true),
                sessions,
                sweep,
                hashing,
                admin,
                Duration.ofDays(integer(env, "BF_TELEMETRY_RETENTION_DAYS", 90, 1, 3650)),
                integer(env, "BF_TELEMETRY_QUEUE_CAPACITY", 65_536, 16, 10_000_000),
                // at least one full client batch (IngestTelemetryUseCase.MAX_BATCH), or no batch could ever fit
                integer(env, "BF_TELEMETRY_CLIENT_QUEUE_CAPACITY", 32_768, 1_000, 10_000_000),
                integer(env, "BF_JOB_WORKERS", 2, 0, 64),
                Duration.ofSeconds(integer(env, "BF_JOB_CLAIM_SECONDS", 60, 3, 86_400)),
                Duration.ofDays(integer(env, "BF_JOB_RETENTION_DAYS", 30, 1, 3650)),
                Duration.ofSeconds(integer(env, "BF_EXECUTION_LEASE_SECONDS", 300, 5, 86_400)),
                conversations(env),
                gitRoot(env),
                bool(env, "BF_MIRROR_LOCAL_REMOTES", false),
                limits(env),
                serving(env));
    }

    /**
     * The instance is named by {@code BF_INSTANCE_NAME}, else the host name containers set; the process id and
     * a random suffix follow it, so two servers never share a name, whatever the host (every container is pid 1).
     */
    private static Serving serving(Map<String, String> env) {
        String named = env.getOrDefault("BF_INSTANCE_NAME", env.getOrDefault("HOSTNAME", "server"))
                .strip();
        if (!named.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("BF_INSTANCE_NAME", "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String instance = named + "-" + ProcessHandle.current().pid() + "-"
                + java.util.HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt());
        String management = env.getOrDefault("BF_MANAGEMENT_PORT", "").strip();
        return new Serving(
                instance,
                Duration.ofSeconds(integer(env, "BF_HTTP_IDLE_TIMEOUT_SECONDS", 30, 1, 3_600)),
                integer(env, "BF_HTTP_MIN_REQUEST_BYTES_PER_SECOND", 512, 0, 100_000_000),
                Duration.ofSeconds(integer(env, "BF_SHUTDOWN_GRACE_SECONDS", 20, 0, 3_600)),
                management.isEmpty()
                        ? java.util.OptionalInt.empty()
                        : java.util.OptionalInt.of(integer(env, "BF_MANAGEMENT_PORT", 0, 0, 65_535)));
    }

    /** Generous defaults: 200 requests a second per user and 1,000 per address, each with a 10-second burst. */
    private static Limits limits(Map<String, String> env) {
        String proxies = env.getOrDefault("BF_TRUSTED_PROXIES", "").strip();
        java.util.List<String> trusted = proxies.isEmpty()
                ? java.util.List.of()
                : java.util.Arrays.stream(proxies.split(",")).map(String::strip).toList();
        for (String cidr : trusted) {
            try {
                io.buildfactory.http.shared.ClientAddress.Cidr.parse(cidr);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("BF_TRUSTED_PROXIES", e.getMessage());
            }
        }
        return new Limits(
                integer(env, "BF_RATE_LIMIT_USER_PER_MINUTE", 12_000, 0, 100_000_000),
                integer(env, "BF_RATE_LIMIT_ADDRESS_PER_MINUTE", 60_000, 0, 100_000_000),
                trusted);
    }

    /** Where the server keeps its git copies of repositories for mirrors: made on first use. */
    private static Path gitRoot(Map<String, String> env) {
        String root = env.getOrDefault("BF_GIT_ROOT", "./data/git").strip();
        if (root.isEmpty()) {
            throw new ConfigException("BF_GIT_ROOT", "must not be empty");
        }
        try {
            return Path.of(root).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("BF_GIT_ROOT", "is not a path: " + e.getMessage());
        }
    }

    private static Conversations conversations(Map<String, String> env) {
        String mode = env.getOrDefault("BF_SENSITIVE_DATA", "redact").strip().toLowerCase(java.util.Locale.ROOT);
        ContentProtection.Mode protection = switch (mode) {
            case "redact" -> ContentProtection.Mode.REDACT;
            case "encrypt" -> ContentProtection.Mode.ENCRYPT;
            default ->
                throw new ConfigException(
                        "BF_SENSITIVE_DATA", "must be redact or encrypt, got '" + env.get("BF_SENSITIVE_DATA") + "'");
        };
        Optional<byte[]> key = Optional.ofNullable(env.get("BF_CONTENT_KEY"))
                .filter(k -> !k.isBlank())
                .map(k -> {
                    try {
                        byte[] bytes = java.util.Base64.getDecoder().decode(k.strip());
                        if (bytes.length == 32) {
                            return bytes;
                        }
                    } catch (IllegalArgumentException ignored) {
                        // reported below, without the value
                    }
                    throw new ConfigException(
                            "BF_CONTENT_KEY", "must be 32 random bytes in base64 (openssl rand -base64 32)");
                });
        if (protection == ContentProtection.Mode.ENCRYPT && key.isEmpty()) {
            throw new ConfigException("BF_CONTENT_KEY", "must be set when BF_SENSITIVE_DATA is encrypt");
        }
        return new Conversations(
                protection, key, Duration.ofDays(integer(env, "BF_CONVERSATION_DELETE_GRACE_DAYS", 30, 0, 3650)));
    }

    private static void requireUsableFolder(java.nio.file.Path file) {
        java.nio.file.Path folder = file.toAbsolutePath().getParent();
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException | SecurityException e) {
            throw new ConfigException(
                    "DATABASE_URL",
                    "names a SQLite file whose folder " + folder + " cannot be created ("
                            + e.getClass().getSimpleName() + ")");
        }
        if (!java.nio.file.Files.isWritable(folder)) {
            throw new ConfigException("DATABASE_URL", "names a SQLite file in " + folder + ", which is not writable");
        }
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the value
        }
        throw new ConfigException(name, "must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(name, "must be true or false, got '" + raw + "'");
        };
    }
}
