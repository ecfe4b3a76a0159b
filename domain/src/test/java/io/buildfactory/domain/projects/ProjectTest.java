package io.buildfactory.domain.projects;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Ulid;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static Project project(Optional<String> repo, Optional<String> branch) {
        return Project.create(
                new ProjectId(new Ulid("01M8QEDC000000000000000001")),
                new ProjectKey("BF"),
                "  Build Factory ",
                null,
                repo,
                branch,
                T0);
    }

    @Test
    void a_new_project_starts_at_version_one_sequence_zero_on_main_with_its_name_trimmed() {
        Project p = project(Optional.empty(), Optional.empty());
        assertEquals("Build Factory", p.name());
        assertEquals("", p.description());
        assertEquals("main", p.defaultBranch());
        assertEquals(0, p.actionSequence());
        assertEquals(1, p.version());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://github.com/acme/factory.git",
                "ssh://git@example.com/acme/factory",
                "git@github.com:acme/factory.git",
                "deploy@git.example.com:team/factory.git",
                "HTTPS://github.com/acme/factory",
                "git+ssh://git@example.com/acme/factory",
                "https://ci-bot@github.com/acme/factory.git",
                "file:///srv/git/factory"
            })
    void ordinary_repository_urls_are_accepted(String url) {
        assertDoesNotThrow(() -> project(Optional.of(url), Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "github.com/acme",
                "javascript:alert(1)",
                "https://exa mple.com/x",
                "ftp://x/y",
                "https://user:token@github.com/acme/factory.git",
                "https://github.com/acme\u001b[31m",
                "host:path"
            })
    void anything_else_as_a_repository_is_refused_naming_the_field(String url) {
        assertEquals(
                "repoUrl",
                assertThrows(InvalidInputException.class, () -> project(Optional.of(url), Optional.empty()))
                        .field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "release/2026.12", "feature/BF-213-ranks", "v1.0"})
    void branch_names_git_accepts_are_accepted(String branch) {
        assertEquals(branch, project(Optional.empty(), Optional.of(branch)).defaultBranch());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "has space",
                "a..b",
                "-x",
                "x/",
                "/x",
                "a//b",
                "x.lock",
                "a~1",
                "a:b",
                "a?b",
                "a*b",
                "a[b",
                "@",
                "HEAD",
                ".hidden",
                "a/.b",
                "a.lock/b",
                "a@{1}",
                "tab\there"
            })
    void branch_names_git_refuses_are_refused(String branch) {
        assertEquals(
                "defaultBranch",
                assertThrows(InvalidInputException.class, () -> project(Optional.empty(), Optional.of(branch)))
                        .field());
    }

    @Test
    void editing_keeps_key_sequence_and_version_and_moves_the_update_time() {
        Project p = project(Optional.empty(), Optional.empty());
        Project edited = p.edit("Factory", "why", Optional.empty(), "trunk", T0.plusSeconds(5));
        assertEquals(p.key(), edited.key());
        assertEquals(p.version(), edited.version());
        assertEquals(T0.plusSeconds(5), edited.updatedAt());
        assertEquals(2, edited.nextVersion().version());
    }
}
