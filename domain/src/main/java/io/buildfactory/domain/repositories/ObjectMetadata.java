package io.buildfactory.domain.repositories;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a repository knows of a stored object: its size, content type and where it is kept, written under the
 * repository's lease (the grant's token is kept with it). An object's metadata does not change: content with
 * other metadata is another object.
 */
public record ObjectMetadata(
        RepositoryId repository,
        ObjectId oid,
        long size,
        String contentType,
        String storageKey,
        FencingToken writtenUnder,
        UserId createdBy,
        Instant createdAt) {

    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\\s*;.*)?");

    public ObjectMetadata {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(oid, "oid");
        if (size < 0) {
            throw new InvalidInputException("size", "must be 0 or more bytes");
        }
        contentType = Text.required("contentType", contentType, 255);
        if (!MEDIA_TYPE.matcher(contentType).matches()) {
            throw new InvalidInputException("contentType", "must be a media type such as application/octet-stream");
        }
        storageKey = Text.required("storageKey", storageKey, 1000);
        Objects.requireNonNull(writtenUnder, "writtenUnder");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether {@code other} says the same of the same object (a repeated write, not a conflicting one). */
    public boolean sameAs(ObjectMetadata other) {
        return repository.equals(other.repository)
                && oid.equals(other.oid)
                && size == other.size
                && contentType.equals(other.contentType)
                && storageKey.equals(other.storageKey);
    }
}
