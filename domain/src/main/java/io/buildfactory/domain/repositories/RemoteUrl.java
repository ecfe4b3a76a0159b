package io.buildfactory.domain.repositories;

import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a mirror syncs with: an {@code https://} or {@code git://} URL with a host, or a {@code file://} path on
 * the server's disk (which a server allows only when its operator says so: it lets a repository's writers read
 * any repository the server can). Credentials are never part of it: a URL with a user name or password is
 * refused, as it would be stored and shown in clear.
 */
public record RemoteUrl(String value) {

    public static final int MAX_LENGTH = 2000;

    public RemoteUrl {
        value = Text.required("remoteUrl", value, MAX_LENGTH);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("remoteUrl", "must be an https://, git:// or file:// URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "https", "git" -> {
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    throw new InvalidInputException("remoteUrl", "must name a host");
                }
            }
            case "file" -> {
                if (uri.getPath() == null || !uri.getPath().startsWith("/") || uri.getHost() != null) {
                    throw new InvalidInputException(
                            "remoteUrl", "a file URL names an absolute path: file:///srv/x.git");
                }
            }
            case "ssh", "http" ->
                throw new InvalidInputException(
                        "remoteUrl", scheme + " remotes are not supported: use an https:// or git:// URL");
            default -> throw new InvalidInputException("remoteUrl", "must be an https://, git:// or file:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException(
                    "remoteUrl", "must not carry a user name or password: they would be stored and shown in clear");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidInputException("remoteUrl", "must not have a query or a fragment");
        }
    }

    /** A path on the server's own disk. */
    public boolean local() {
        return value.regionMatches(true, 0, "file:", 0, 5);
    }

    @Override
    public String toString() {
        return value;
    }
}
