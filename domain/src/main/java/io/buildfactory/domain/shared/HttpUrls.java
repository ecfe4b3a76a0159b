package io.buildfactory.domain.shared;

import java.net.URI;
import java.net.URISyntaxException;

/** URLs people will click: absolute {@code http} or {@code https} with a host, nothing else (no javascript:). */
public final class HttpUrls {

    private HttpUrls() {}

    public static String require(String field, String url) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new InvalidInputException(field, "must be an http(s) URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "must be an http(s) URL");
        }
    }
}
