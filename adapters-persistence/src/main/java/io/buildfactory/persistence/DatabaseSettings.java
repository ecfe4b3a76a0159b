package io.buildfactory.persistence;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the database.
 *
 * @param url      a JDBC URL, {@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}
 * @param poolSize connections kept open; SQLite uses them for concurrent reads, writes take turns
 */
public record DatabaseSettings(String url, Optional<String> user, Optional<String> password, int poolSize) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
    }

    /**
     * Reads a database URL: a JDBC URL ({@code jdbc:sqlite:…}, {@code jdbc:postgresql:…}) or the
     * {@code postgres://user:password@host:port/db} form most hosting services hand out.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static DatabaseSettings fromUrl(String url, int poolSize) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        if (url.equals("jdbc:sqlite:") || url.startsWith("jdbc:sqlite:?")) {
            throw new IllegalArgumentException("names no SQLite file, like jdbc:sqlite:./data/buildfactory.db");
        }
        if (url.startsWith("jdbc:sqlite:") || url.startsWith("jdbc:postgresql:")) {
            return new DatabaseSettings(url, Optional.empty(), Optional.empty(), poolSize);
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("is not a valid URL: " + e.getReason());
            }
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new IllegalArgumentException(
                        "must name a host and a database, like postgres://user:pass@host:5432/db");
            }
            Optional<String> user = Optional.empty();
            Optional<String> password = Optional.empty();
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
            }
            String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new DatabaseSettings(jdbc, user, password, poolSize);
        }
        throw new IllegalArgumentException("must start with jdbc:sqlite:, jdbc:postgresql: or postgres://");
    }

    private static String decode(String part) {
        // Percent-escapes only: in a URL's user part '+' is a plus, not a space.
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The file of a file-backed SQLite URL; empty for PostgreSQL and in-memory SQLite. */
    public Optional<java.nio.file.Path> sqliteFile() {
        if (!url.startsWith("jdbc:sqlite:")) {
            return Optional.empty();
        }
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
        if (path.startsWith(":memory:") || path.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(java.nio.file.Path.of(path));
    }

    public Vendor vendor() {
        return Vendor.fromJdbcUrl(url);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user.orElse("") + ", poolSize=" + poolSize + "]";
    }
}
