package io.buildfactory.bootstrap;

import io.buildfactory.persistence.DatabaseSettings;
import java.util.Map;

/**
 * Configuration, read once from environment variables. A bad value stops start-up with one line that names the
 * variable and what is wrong.
 */
public record AppConfig(DatabaseSettings database, String httpHost, int httpPort, boolean migrateOnStart) {

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
        String host = env.getOrDefault("BF_HTTP_HOST", "0.0.0.0").strip();
        if (host.isEmpty()) {
            throw new ConfigException("BF_HTTP_HOST", "must not be empty");
        }
        return new AppConfig(database, host, integer(env, "BF_HTTP_PORT", 8080, 0, 65535),
                bool(env, "BF_MIGRATE_ON_START", true));
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
