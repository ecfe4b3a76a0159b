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
     * the copy's branches and tags the remote no longer has are deleted, unless the remote has none at all (an
     * emptied remote deletes nothing: the sync fails instead, saying so).
     */
    SyncChanges pull(RepositoryId repository, RemoteUrl remote, boolean prune, Watch watch) throws SyncFailedException;

    /**
     * Pushes the copy's branches and tags to the remote; with {@code prune}, the remote's branches and tags the
     * copy does not have are deleted, unless the copy has none at all (an empty copy deletes nothing).
     */
    SyncChanges push(RepositoryId repository, RemoteUrl remote, boolean prune, Watch watch) throws SyncFailedException;

    /**
     * Asked again and again while a sync transfers: false stops it (it ran too long, or its claim was lost), and
     * the sync fails with {@link SyncFailedException}.
     */
    @FunctionalInterface
    interface Watch {
        boolean goOn();

        Watch ALWAYS = () -> true;
    }

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
