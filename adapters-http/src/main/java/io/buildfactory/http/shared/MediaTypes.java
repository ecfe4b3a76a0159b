package io.buildfactory.http.shared;

import io.buildfactory.domain.shared.Text;
import io.javalin.http.Context;
import java.util.Locale;

/** What a request body may be sent as: JSON, and nothing else. */
public final class MediaTypes {

    public static final String JSON = "application/json";

    private MediaTypes() {}

    /**
     * Refuses a body that is not labelled JSON with 415, a missing label too. A request without a body is left to
     * the handler: a route that needs one answers 400, a route that takes none ignores it.
     */
    public static void requireJsonBody(Context ctx) {
        if (ctx.bodyAsBytes().length == 0 || isJson(ctx.contentType())) {
            return;
        }
        ctx.header("Accept", JSON);
        throw new UnsupportedMediaTypeException(ctx.contentType());
    }

    /** A request body in a media type the API does not read. */
    public static final class UnsupportedMediaTypeException extends RuntimeException {

        UnsupportedMediaTypeException(String contentType) {
            super(
                    "the request body must be sent as " + JSON + ", not "
                            + (contentType == null ? "without a Content-Type" : Text.quote(contentType)),
                    null,
                    false,
                    false);
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        return type.toLowerCase(Locale.ROOT).equals(JSON);
    }
}
