package io.buildfactory.persistence.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.repositories.port.out.GitMirrors.SyncFailedException;
import io.buildfactory.application.repositories.port.out.GitMirrors.Watch;
import io.buildfactory.domain.repositories.Mirror.SyncChanges;
import io.buildfactory.domain.repositories.RemoteUrl;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.Ulid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirror syncs with real git repositories on local disk: the remotes are bare repositories this test makes. */
class JGitMirrorsTest {

    // JGit measures the file store from a background thread, which can still be writing under .git/objects when
    // the test ends: the folder lives under target/ and goes with the next clean, instead of failing the run.
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
    Path tmp;

    JGitMirrors mirrors;
    RepositoryId repository;
    Path origin;
    Git work;
    final AtomicInteger commits = new AtomicInteger();

    @BeforeEach
    void remotes() throws Exception {
        mirrors = new JGitMirrors(tmp.resolve("copies"), Duration.ofSeconds(30), false);
        repository = new RepositoryId(Ulid.parse("id", "01JQBF00000000000000000001"));
        origin = bare("origin.git");
        work = Git.init()
                .setDirectory(tmp.resolve("work").toFile())
                .setInitialBranch("main")
                .call();
    }

    Path bare(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Git.init()
                .setBare(true)
                .setDirectory(dir.toFile())
                .setInitialBranch("main")
                .call()
                .close();
        return dir;
    }

    static RemoteUrl url(Path bare) {
        return new RemoteUrl("file://" + bare.toAbsolutePath());
    }

    /** A new commit on {@code branch} of the work tree, pushed to origin; its id. */
    ObjectId commitAndPush(String branch) throws Exception {
        int n = commits.incrementAndGet();
        Files.writeString(work.getRepository().getWorkTree().toPath().resolve("file-" + n + ".txt"), "change " + n);
        work.add().addFilepattern(".").call();
        ObjectId id = work.commit()
                .setMessage("change " + n)
                .setAuthor("Agent", "agent@example.com")
                .setCommitter("Agent", "agent@example.com")
                .setSign(false)
                .call()
                .getId();
        work.push()
                .setRemote(url(origin).value())
                .setRefSpecs(new RefSpec("+HEAD:refs/heads/" + branch))
                .call();
        return id;
    }

    static ObjectId head(Path gitDir, String ref) throws Exception {
        try (Repository r =
                new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
            return r.resolve(ref);
        }
    }

    void deleteOnOrigin(String ref) throws Exception {
        work.push()
                .setRemote(url(origin).value())
                .setRefSpecs(new RefSpec(":" + ref))
                .call();
    }

    @Test
    void a_pull_mirror_picks_up_each_new_commit_and_tag_and_nothing_when_nothing_changed() throws Exception {
        ObjectId first = commitAndPush("main");
        assertEquals(new SyncChanges(1, 0), mirrors.pull(repository, url(origin), false, Watch.ALWAYS));
        Path copy = mirrors.copyOf(repository);
        assertEquals(first, head(copy, "refs/heads/main"));

        ObjectId second = commitAndPush("main");
        work.tag().setName("v1").setAnnotated(false).call();
        work.push().setRemote(url(origin).value()).setPushTags().call();
        assertEquals(
                new SyncChanges(2, 0),
                mirrors.pull(repository, url(origin), false, Watch.ALWAYS),
                "main moved, v1 is new");
        assertEquals(second, head(copy, "refs/heads/main"));
        assertEquals(second, head(copy, "refs/tags/v1"));

        assertEquals(new SyncChanges(0, 0), mirrors.pull(repository, url(origin), false, Watch.ALWAYS));
    }

    @Test
    void prune_removes_a_branch_deleted_on_the_remote_only_when_enabled() throws Exception {
        commitAndPush("main");
        commitAndPush("feature");
        assertEquals(new SyncChanges(2, 0), mirrors.pull(repository, url(origin), true, Watch.ALWAYS));
        Path copy = mirrors.copyOf(repository);
        deleteOnOrigin("refs/heads/feature");

        assertEquals(new SyncChanges(0, 0), mirrors.pull(repository, url(origin), false, Watch.ALWAYS));
        assertTrue(head(copy, "refs/heads/feature") != null, "without prune the deleted branch stays");
        assertEquals(new SyncChanges(0, 1), mirrors.pull(repository, url(origin), true, Watch.ALWAYS));
        assertNull(head(copy, "refs/heads/feature"), "pruned");
        assertTrue(head(copy, "refs/heads/main") != null, "the rest stays");
    }

    @Test
    void a_broken_remote_fails_with_a_message_naming_it_and_leaves_the_copy_as_it_was() throws Exception {
        ObjectId first = commitAndPush("main");
        mirrors.pull(repository, url(origin), true, Watch.ALWAYS);
        Path gone = tmp.resolve("no-such-remote.git");
        SyncFailedException failure =
                assertThrows(SyncFailedException.class, () -> mirrors.pull(repository, url(gone), true, Watch.ALWAYS));
        assertTrue(failure.getMessage().contains("no-such-remote.git"), failure.getMessage());
        assertEquals(first, head(mirrors.copyOf(repository), "refs/heads/main"), "a failed sync prunes nothing");

        Files.writeString(tmp.resolve("not-a-repo.git"), "a file, not a repository");
        assertThrows(
                SyncFailedException.class,
                () -> mirrors.pull(repository, url(tmp.resolve("not-a-repo.git")), false, Watch.ALWAYS));
    }

    @Test
    void a_pull_with_prune_from_a_remote_with_nothing_on_it_deletes_nothing_and_says_why() throws Exception {
        ObjectId main = commitAndPush("main");
        commitAndPush("feature");
        mirrors.pull(repository, url(origin), true, Watch.ALWAYS);
        Path emptied = bare("emptied.git");
        SyncFailedException refused = assertThrows(
                SyncFailedException.class, () -> mirrors.pull(repository, url(emptied), true, Watch.ALWAYS));
        assertTrue(refused.getMessage().contains("no branches or tags"), refused.getMessage());
        assertEquals(main, head(mirrors.copyOf(repository), "refs/heads/main"), "the copy keeps its branches");
        assertTrue(head(mirrors.copyOf(repository), "refs/heads/feature") != null);
    }

    @Test
    void a_sync_its_watch_stops_fails_as_stopped() throws Exception {
        commitAndPush("main");
        SyncFailedException stopped =
                assertThrows(SyncFailedException.class, () -> mirrors.pull(repository, url(origin), true, () -> false));
        assertTrue(stopped.getMessage().startsWith("stopped"), stopped.getMessage());
        assertNull(head(mirrors.copyOf(repository), "refs/heads/main"), "nothing was fetched");
    }

    @Test
    void a_remote_on_an_internal_address_is_refused_before_any_connection_unless_the_server_allows_it() {
        for (String internal : java.util.List.of(
                "https://127.0.0.1/x.git",
                "git://localhost/x.git",
                "https://169.254.169.254/x.git",
                "https://10.1.2.3/x.git",
                "https://[::1]/x.git",
                "https://[fd00::1]/x.git")) {
            SyncFailedException refused = assertThrows(
                    SyncFailedException.class,
                    () -> mirrors.pull(repository, new RemoteUrl(internal), false, Watch.ALWAYS),
                    internal);
            assertTrue(refused.getMessage().contains("internal network"), internal + ": " + refused.getMessage());
        }
        SyncFailedException refusedConnection = assertThrows(
                SyncFailedException.class,
                () -> new JGitMirrors(tmp.resolve("copies"), Duration.ofSeconds(5), true)
                        .pull(repository, new RemoteUrl("git://127.0.0.1:9/x.git"), false, Watch.ALWAYS));
        assertTrue(
                refusedConnection.getMessage().contains("refused"),
                "allowed, it is tried (and here nothing listens): " + refusedConnection.getMessage());
    }

    @Test
    void a_push_mirror_sends_branches_and_tags_and_prunes_what_the_copy_no_longer_has() throws Exception {
        ObjectId main = commitAndPush("main");
        commitAndPush("feature");
        mirrors.pull(repository, url(origin), true, Watch.ALWAYS);
        Path target = bare("target.git");

        assertEquals(new SyncChanges(2, 0), mirrors.push(repository, url(target), true, Watch.ALWAYS));
        assertEquals(main, head(target, "refs/heads/main"));
        assertEquals(new SyncChanges(0, 0), mirrors.push(repository, url(target), true, Watch.ALWAYS), "up to date");

        deleteOnOrigin("refs/heads/feature");
        mirrors.pull(repository, url(origin), true, Watch.ALWAYS);
        assertEquals(new SyncChanges(0, 1), mirrors.push(repository, url(target), true, Watch.ALWAYS));
        assertNull(head(target, "refs/heads/feature"));
        assertEquals(main, head(target, "refs/heads/main"));
    }

    @Test
    void an_empty_copy_pushed_with_prune_deletes_nothing_from_its_remote() throws Exception {
        ObjectId main = commitAndPush("main");
        RepositoryId empty = new RepositoryId(Ulid.parse("id", "01JQBF00000000000000000002"));
        assertEquals(new SyncChanges(0, 0), mirrors.push(empty, url(origin), true, Watch.ALWAYS));
        assertEquals(main, head(origin, "refs/heads/main"), "the remote keeps its branches");
    }
}
