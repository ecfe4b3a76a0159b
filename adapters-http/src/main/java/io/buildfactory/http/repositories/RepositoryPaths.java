package io.buildfactory.http.repositories;

import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.javalin.http.Context;

/** What the repository routes read from a request: the repository in the path, and a fencing token. */
final class RepositoryPaths {

    private RepositoryPaths() {}

    /** The {@code {id}} of the path; one that is no repository id names nothing (404). */
    static RepositoryId id(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return RepositoryId.parse(id);
        } catch (InvalidInputException e) {
            throw new NotFoundException("repository", id);
        }
    }

    /** {@code ?token=}: required, a whole number of 1 or more. */
    static FencingToken queryToken(Context ctx) {
        String token = ctx.queryParam("token");
        if (token == null) {
            throw new InvalidInputException("token", "is required: the fencing token of your grant");
        }
        try {
            return token("token", Long.parseLong(token));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("token", "must be a whole number");
        }
    }

    static FencingToken token(String field, Long value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required: the fencing token of your lease");
        }
        if (value < 1) {
            throw new InvalidInputException(field, "must be 1 or more");
        }
        return new FencingToken(value);
    }
}
