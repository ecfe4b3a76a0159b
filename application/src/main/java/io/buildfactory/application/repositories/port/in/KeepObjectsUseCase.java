package io.buildfactory.application.repositories.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.ObjectId;
import io.buildfactory.domain.repositories.ObjectMetadata;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;

/**
 * A repository's object metadata: written under its lease ({@code factory.repository.write} and the current
 * token), read with {@code factory.repository.read}.
 */
public interface KeepObjectsUseCase {

    record NewObject(ObjectId oid, long size, String contentType, String storageKey) {}

    /** What was written, and whether this write made it (a repeat of the same metadata changes nothing). */
    record Written(ObjectMetadata object, boolean created) {}

    /** The same metadata again is answered as written; other metadata for a known oid is a conflict. */
    Written put(Actor actor, RepositoryId repository, FencingToken token, NewObject object);

    ObjectMetadata object(Actor actor, RepositoryId repository, ObjectId oid);

    Page<ObjectMetadata> objects(Actor actor, RepositoryId repository, PageRequest page);
}
