package io.buildfactory.http.shared;

import io.javalin.http.Context;

/**
 * The headers every response carries, errors included. The API serves JSON to programs: nothing may be sniffed
 * into another type, framed, sent on as a referrer, or cached, since most answers carry a person's data or a
 * token and the rest are cheap to ask for again.
 */
public final class SecurityHeaders {

    private SecurityHeaders() {}

    public static void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }
}
