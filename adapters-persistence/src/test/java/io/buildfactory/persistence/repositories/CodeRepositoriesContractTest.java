package io.buildfactory.persistence.repositories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.Visibility;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CodeRepositoriesContractTest extends OnBothEngines {

    JooqCodeRepositories repositories;
    Project bf;
    Project ops;

    @BeforeEach
    void projects() {
        repositories = new JooqCodeRepositories(db.database());
        JooqProjectRepository projects = new JooqProjectRepository(db.database());
        bf = fixtures.project("BF");
        ops = fixtures.project("OPS");
        projects.insert(bf);
        projects.insert(ops);
    }

    CodeRepository repo(Project project, String name) {
        CodeRepository r = CodeRepository.create(
                new RepositoryId(fixtures.id()),
                project.id(),
                name,
                "main",
                Visibility.INTERNAL,
                "file:///srv/git/" + name + ".git",
                Fixtures.NOW);
        repositories.insert(r);
        return r;
    }

    @Test
    void a_repository_reads_back_moves_under_its_version_and_its_name_is_unique_in_its_project() {
        CodeRepository factory = repo(bf, "factory");
        assertEquals(Optional.of(factory), repositories.find(factory.id()));
        CodeRepository edited = factory.withSettings("trunk", Visibility.PUBLIC, Fixtures.NOW.plusSeconds(5));
        repositories.update(edited);
        assertEquals(Optional.of(edited), repositories.find(factory.id()));
        assertThrows(ConflictException.class, () -> repositories.update(edited), "version 2 is written");
        assertEquals(
                "name",
                assertThrows(ConflictException.class, () -> repo(bf, "factory")).field());
        repo(ops, "factory"); // another project may use the name
        CodeRepository api = repo(bf, "api");
        var first = repositories.list(bf.id(), PageRequest.first(1));
        assertEquals(List.of(api), first.items(), "by name");
        assertEquals(
                List.of(edited),
                repositories
                        .list(
                                bf.id(),
                                PageRequest.first(1).next(first.nextCursor().orElseThrow()))
                        .items());
    }

    @Test
    void the_database_keeps_the_id_fixed_moves_updated_at_and_checks_ulids() throws Exception {
        CodeRepository factory = repo(bf, "factory");
        try (Connection c = db.rawConnection();
                Statement s = c.createStatement()) {
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate(
                            "UPDATE repositories SET id = '" + fixtures.id() + "' WHERE id = '" + factory.id() + "'"),
                    "the id is immutable");
            String before = updatedAt(s, factory);
            s.executeUpdate("UPDATE repositories SET visibility = 'public' WHERE id = '" + factory.id() + "'");
            String after = updatedAt(s, factory);
            assertNotEquals(before, after, "updated_at moved by itself");
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("INSERT INTO repositories (id, project_id, name, default_branch, visibility,"
                            + " storage_location, created_at, updated_at, version) VALUES ('not-a-ulid', '" + bf.id()
                            + "', 'x', 'main', 'private', 's', '" + Fixtures.NOW + "', '" + Fixtures.NOW + "', 1)"),
                    "ids are ULIDs");
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("INSERT INTO repository_leases (repository_id, fencing_token, holder_id)"
                            + " VALUES ('" + factory.id() + "', 1, NULL)"),
                    "one lease row per repository, and a grant is whole");
            s.executeUpdate("DELETE FROM projects WHERE id = '" + bf.id() + "'");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM repository_leases")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1), "a project's repositories and their leases go with it");
            }
        }
    }

    private static String updatedAt(Statement s, CodeRepository r) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT updated_at FROM repositories WHERE id = '" + r.id() + "'")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
