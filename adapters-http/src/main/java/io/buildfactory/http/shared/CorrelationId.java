package io.buildfactory.http.shared;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/** The id that ties a request, its log line, its audit events and its response together. */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    static final String ATTRIBUTE = "bf.correlationId";
    private static final Pattern ACCEPTED = Pattern.compile("^[A-Za-z0-9._:-]{1,100}$");

    private CorrelationId() {}

    /** A caller's id is kept if it is short and plain; anything else is replaced so logs stay clean. */
    static boolean acceptable(String candidate) {
        return candidate != null && ACCEPTED.matcher(candidate).matches();
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "none" : id;
    }
}
