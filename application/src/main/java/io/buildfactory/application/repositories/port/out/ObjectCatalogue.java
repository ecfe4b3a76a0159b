package io.buildfactory.application.repositories.port.out;

import io.buildfactory.domain.repositories.ObjectId;
import io.buildfactory.domain.repositories.ObjectMetadata;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/** Object metadata, once per repository and oid. */
public interface ObjectCatalogue {

    /** An oid the repository already has is a duplicate conflict on {@code oid}. */
    void insert(ObjectMetadata object);

    Optional<ObjectMetadata> find(RepositoryId repository, ObjectId oid);

    /** A repository's objects by oid; the cursor is an oid. */
    Page<ObjectMetadata> list(RepositoryId repository, PageRequest page);

    /** Every repository's metadata of one object. */
    List<ObjectMetadata> withOid(ObjectId oid);
}
