package io.buildfactory.persistence.git;

import io.buildfactory.application.repositories.port.out.GitMirrors;
import io.buildfactory.domain.repositories.Mirror.SyncChanges;
import io.buildfactory.domain.repositories.RemoteUrl;
import io.buildfactory.domain.repositories.RepositoryId;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.EmptyProgressMonitor;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's git copies, one bare repository per code repository at {@code <root>/<repository id>.git}, synced
 * with JGit (pure Java: no {@code git} binary to install, and its transport errors arrive as exceptions with
 * messages rather than as exit codes and stderr to parse). Every network operation has the I/O timeout; syncs of
 * one repository's copy are serialised in this process, so two of its mirrors never write its refs at once.
 */
public final class JGitMirrors implements GitMirrors {

    private static final Logger LOG = LoggerFactory.getLogger(JGitMirrors.class);

    private static final List<RefSpec> MIRRORED = List.of(
            new RefSpec("+" + Constants.R_HEADS + "*:" + Constants.R_HEADS + "*"),
            new RefSpec("+" + Constants.R_TAGS + "*:" + Constants.R_TAGS + "*"));

    private final Path root;
    private final int timeoutSeconds;
    private final boolean internalAllowed;
    private final ReentrantLock[] locks = new ReentrantLock[64];

    /**
     * @param internalAllowed whether remotes may resolve to this machine or its private networks (loopback,
     *     link-local such as cloud metadata, site-local): off, a repository's writers cannot make the server fetch
     *     from hosts only it can reach
     */
    public JGitMirrors(Path root, Duration ioTimeout, boolean internalAllowed) {
        this.internalAllowed = internalAllowed;
        // JGit measures each file store's timestamp resolution once, on the common pool, and by default waits for
        // it: in the background a sync never waits on that (it assumes the coarse resolution until measured)
        FS.FileStoreAttributes.setBackground(true);
        this.root = root;
        this.timeoutSeconds = Math.toIntExact(Math.max(1, ioTimeout.toSeconds()));
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Where the copy of {@code repository} lives (made by its first sync). */
    public Path copyOf(RepositoryId repository) {
        return root.resolve(repository + ".git");
    }

    @Override
    public SyncChanges pull(RepositoryId repository, RemoteUrl remote, boolean prune, Watch watch)
            throws SyncFailedException {
        return locked(repository, watch, () -> {
            reachable(remote);
            try (Repository copy = open(repository);
                    Git git = Git.wrap(copy)) {
                FetchResult result = git.fetch()
                        .setRemote(remote.value())
                        .setRefSpecs(MIRRORED)
                        .setTagOpt(TagOpt.NO_TAGS)
                        .setTimeout(timeoutSeconds)
                        .setProgressMonitor(monitor(watch))
                        .call();
                int updated = 0;
                List<String> refused = new ArrayList<>();
                for (TrackingRefUpdate update : result.getTrackingRefUpdates()) {
                    switch (update.getResult()) {
                        case NEW, FAST_FORWARD, FORCED -> updated++;
                        case NO_CHANGE -> {}
                        default -> refused.add(update.getLocalName() + " " + update.getResult());
                    }
                }
                if (!refused.isEmpty()) {
                    throw new SyncFailedException("refs not updated: " + String.join(", ", refused));
                }
                int deleted = prune ? prune(copy, result) : 0;
                return new SyncChanges(updated, deleted);
            }
        });
    }

    /**
     * Deletes the copy's branches and tags the remote did not advertise. A remote that advertised none at all is
     * taken for an emptied or replaced one, not for the truth: nothing is deleted and the sync fails, saying so.
     */
    private static int prune(Repository copy, FetchResult result) throws IOException, SyncFailedException {
        Set<String> theirs = result.getAdvertisedRefs().stream()
                .map(Ref::getName)
                .filter(name -> name.startsWith(Constants.R_HEADS) || name.startsWith(Constants.R_TAGS))
                .collect(Collectors.toSet());
        List<Ref> gone = copy.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS).stream()
                .filter(ref -> !theirs.contains(ref.getName()))
                .toList();
        if (theirs.isEmpty() && !gone.isEmpty()) {
            throw new SyncFailedException("the remote has no branches or tags: nothing was pruned from the copy's "
                    + gone.size() + " (an emptied remote does not empty its mirror)");
        }
        for (Ref ref : gone) {
            RefUpdate delete = copy.updateRef(ref.getName());
            delete.setForceUpdate(true);
            RefUpdate.Result outcome = delete.delete();
            if (outcome != RefUpdate.Result.FORCED && outcome != RefUpdate.Result.NO_CHANGE) {
                throw new SyncFailedException("could not prune " + ref.getName() + ": " + outcome);
            }
        }
        return gone.size();
    }

    @Override
    public SyncChanges push(RepositoryId repository, RemoteUrl remote, boolean prune, Watch watch)
            throws SyncFailedException {
        return locked(repository, watch, () -> {
            reachable(remote);
            try (Repository copy = open(repository);
                    Git git = Git.wrap(copy)) {
                Set<String> ours = copy.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS).stream()
                        .map(Ref::getName)
                        .collect(Collectors.toSet());
                if (ours.isEmpty()) {
                    // an empty copy sends and deletes nothing: a push mirror not filled yet must not wipe its remote
                    return SyncChanges.NONE;
                }
                List<RefSpec> specs = new ArrayList<>(MIRRORED);
                if (prune) {
                    for (Ref theirs : Git.lsRemoteRepository()
                            .setRemote(remote.value())
                            .setHeads(true)
                            .setTags(true)
                            .setTimeout(timeoutSeconds)
                            .call()) {
                        String name = theirs.getName();
                        if (!name.endsWith("^{}") && !ours.contains(name)) {
                            specs.add(new RefSpec(":" + name));
                        }
                    }
                }
                int updated = 0;
                int deleted = 0;
                List<String> refused = new ArrayList<>();
                for (PushResult result : git.push()
                        .setRemote(remote.value())
                        .setRefSpecs(specs)
                        .setForce(true)
                        .setTimeout(timeoutSeconds)
                        .setProgressMonitor(monitor(watch))
                        .call()) {
                    for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                        switch (update.getStatus()) {
                            case OK -> {
                                if (update.isDelete()) {
                                    deleted++;
                                } else {
                                    updated++;
                                }
                            }
                            case UP_TO_DATE, NON_EXISTING -> {}
                            default ->
                                refused.add(update.getRemoteName() + " " + update.getStatus()
                                        + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                        }
                    }
                }
                if (!refused.isEmpty()) {
                    throw new SyncFailedException("the remote refused: " + String.join(", ", refused));
                }
                return new SyncChanges(updated, deleted);
            }
        });
    }

    /**
     * Refuses a network remote that resolves to an internal address, unless this server allows them; resolved at
     * each sync, as a name may point elsewhere tomorrow.
     */
    private void reachable(RemoteUrl remote) throws SyncFailedException {
        if (internalAllowed || remote.local()) {
            return; // file:// remotes are the application's to allow
        }
        String host = URI.create(remote.value()).getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new SyncFailedException("the remote's host " + host + " is unknown");
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress()
                    || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress()
                    || address.isAnyLocalAddress()
                    || address.isMulticastAddress()
                    || isUniqueLocal(address)) {
                throw new SyncFailedException("the remote's host " + host
                        + " is on an internal network, which this server does not sync with"
                        + " (its operator allows it with BF_MIRROR_LOCAL_REMOTES=true)");
            }
        }
    }

    /** IPv6 unique local addresses (fc00::/7), which {@link InetAddress#isSiteLocalAddress} does not cover. */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** The copy, made bare and empty when it does not exist yet. */
    private Repository open(RepositoryId repository) throws IOException, GitAPIException {
        Path dir = copyOf(repository);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(root);
            Git.init().setBare(true).setDirectory(dir.toFile()).call().close();
        }
        return new FileRepositoryBuilder()
                .setGitDir(dir.toFile())
                .setMustExist(true)
                .build();
    }

    @FunctionalInterface
    private interface Sync {
        SyncChanges run() throws IOException, GitAPIException, SyncFailedException;
    }

    private SyncChanges locked(RepositoryId repository, Watch watch, Sync sync) throws SyncFailedException {
        ReentrantLock lock = locks[Math.floorMod(repository.hashCode(), locks.length)];
        lock.lock();
        try {
            return sync.run();
        } catch (GitAPIException | JGitInternalException | SyncFailedException e) {
            // JGit stops a cancelled transfer with an exception or with refs it did not update: either way, say why
            if (!watch.goOn()) {
                throw new SyncFailedException("stopped: the sync ran past its deadline or lost its claim", e);
            }
            throw e instanceof SyncFailedException failed ? failed : new SyncFailedException(describe(e), e);
        } catch (IOException e) {
            // the message names paths on the server's disk: the log has it, the mirror's readers do not
            LOG.warn("the copy of repository {} could not be read or written", repository, e);
            throw new SyncFailedException("the server's copy could not be read or written (see the server log)", e);
        } finally {
            lock.unlock();
        }
    }

    /** Reports nothing; tells JGit to stop once the watch says so (it asks between steps of a transfer). */
    private static ProgressMonitor monitor(Watch watch) {
        return new EmptyProgressMonitor() {
            @Override
            public boolean isCancelled() {
                return !watch.goOn();
            }
        };
    }

    /** The failure and its causes in one line, each said once: what the owner of the mirror needs to fix it. */
    private static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 4; t = t.getCause()) {
            String message = t.getMessage() == null
                    ? t.getClass().getSimpleName()
                    : t.getMessage().strip();
            if (parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(message);
            }
        }
        return String.join(": ", parts);
    }
}
