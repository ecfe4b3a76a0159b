package io.buildfactory.http.shared;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/** One HTTP route: method, path (Javalin syntax, {@code /api/items/{id}}), who may call it, and its handler. */
public record ApiRoute(HandlerType method, String path, Access access, Handler handler) {

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
    }

    public static ApiRoute get(String path, Access access, Handler handler) {
        return new ApiRoute(HandlerType.GET, path, access, handler);
    }

    public static ApiRoute post(String path, Access access, Handler handler) {
        return new ApiRoute(HandlerType.POST, path, access, handler);
    }

    public static ApiRoute patch(String path, Access access, Handler handler) {
        return new ApiRoute(HandlerType.PATCH, path, access, handler);
    }

    public static ApiRoute delete(String path, Access access, Handler handler) {
        return new ApiRoute(HandlerType.DELETE, path, access, handler);
    }
}
