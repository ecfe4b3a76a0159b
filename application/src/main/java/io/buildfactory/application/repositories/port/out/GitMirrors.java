package io.buildfactory.application.repositories.port.out;

import io.buildfactory.domain.repositories.Mirror.SyncChanges;
import io.buildfactory.domain.repositories.RemoteUrl;
import io.buildfactory.domain.repositories.RepositoryId;

/**
 * The server's own git copy of each repository, and the syncs with remotes a mirror asks for. Branches
 * ({@code refs/heads/*}) and tags ({@code refs/tags/*}) are copied as they are, forced: a mirror's destination
 * follows its source, rewritten history included.
 */
public interface GitMirrors {

    /**
     * Fetches the remote's branches and tags into the repository's copy (made on first use); with {@code prune},
     * the copy's branches and tags the remote no longer has are deleted.
     */
    SyncChanges pull(RepositoryId repository, RemoteUrl remote, boolean prune) throws SyncFailedException;

    /**
     * Pushes the copy's branches and tags to the remote; with {@code prune}, the remote's branches and tags the
     * copy does not have are deleted, unless the copy has none at all (an empty copy deletes nothing).
     */
    SyncChanges push(RepositoryId repository, RemoteUrl remote, boolean prune) throws SyncFailedException;

    /** A sync that did not happen, or not all of it, with a message fit to show its owner. */
    final class SyncFailedException extends Exception {
        public SyncFailedException(String message, Throwable cause) {
            super(message, cause);
        }

        public SyncFailedException(String message) {
            super(message);
        }
    }
}
