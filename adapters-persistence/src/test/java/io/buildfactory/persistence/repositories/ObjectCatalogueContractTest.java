package io.buildfactory.persistence.repositories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.ObjectId;
import io.buildfactory.domain.repositories.ObjectMetadata;
import io.buildfactory.domain.repositories.RelationKind;
import io.buildfactory.domain.repositories.Relationship;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.Visibility;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Object metadata and relationships between repositories, on both databases. */
class ObjectCatalogueContractTest extends OnBothEngines {

    JooqObjectCatalogue objects;
    JooqRelationshipRepository relationships;
    CodeRepository a;
    CodeRepository b;
    CodeRepository c;
    UserId writer;

    @BeforeEach
    void repositories() {
        Project project = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(project);
        JooqCodeRepositories repositories = new JooqCodeRepositories(db.database());
        a = repo(repositories, project, "a");
        b = repo(repositories, project, "b");
        c = repo(repositories, project, "c");
        objects = new JooqObjectCatalogue(db.database());
        relationships = new JooqRelationshipRepository(db.database());
        writer = fixtures.user().id();
    }

    CodeRepository repo(JooqCodeRepositories repositories, Project project, String name) {
        CodeRepository r = CodeRepository.create(
                new RepositoryId(fixtures.id()),
                project.id(),
                name,
                "main",
                Visibility.PRIVATE,
                "s3://" + name,
                Fixtures.NOW);
        repositories.insert(r);
        return r;
    }

    ObjectMetadata object(CodeRepository in, char digit) {
        return new ObjectMetadata(
                in.id(),
                new ObjectId(String.valueOf(digit).repeat(64)),
                1024,
                "application/octet-stream",
                "objects/" + digit,
                new FencingToken(3),
                writer,
                Fixtures.NOW);
    }

    @Test
    void an_object_is_kept_once_per_repository_paged_by_oid_and_found_across_repositories() {
        ObjectMetadata one = object(a, '1');
        ObjectMetadata two = object(a, '2');
        objects.insert(two);
        objects.insert(one);
        objects.insert(object(b, '1'));
        assertEquals(Optional.of(one), objects.find(a.id(), one.oid()));
        assertEquals(
                "oid",
                assertThrows(ConflictException.class, () -> objects.insert(one)).field());
        var first = objects.list(a.id(), PageRequest.first(1));
        assertEquals(List.of(one), first.items(), "by oid");
        assertEquals(
                List.of(two),
                objects.list(
                                a.id(),
                                PageRequest.first(1).next(first.nextCursor().orElseThrow()))
                        .items());
        assertEquals(2, objects.withOid(one.oid()).size(), "the same object in two repositories");
    }

    @Test
    void relationships_are_once_per_kind_found_from_both_ends_and_never_to_oneself() throws SQLException {
        Relationship aOnB =
                new Relationship(a.id(), RelationKind.DEPENDS_ON, b.id(), new FencingToken(1), writer, Fixtures.NOW);
        relationships.insert(aOnB);
        assertEquals(
                "targetId",
                assertThrows(ConflictException.class, () -> relationships.insert(aOnB))
                        .field());
        Relationship fork =
                new Relationship(c.id(), RelationKind.FORK_OF, a.id(), new FencingToken(1), writer, Fixtures.NOW);
        relationships.insert(fork);
        assertEquals(2, relationships.of(a.id()).size(), "outgoing and incoming");
        assertEquals(List.of(b.id()), relationships.dependenciesOf(a.id()));
        assertEquals(List.of(), relationships.dependenciesOf(c.id()), "a fork is not a dependency");
        db.database().transaction(() -> {
            relationships.lockDependencies(); // taken and held to the end of the transaction without error
            return null;
        });
        assertEquals(true, relationships.delete(a.id(), RelationKind.DEPENDS_ON, b.id()));
        assertEquals(false, relationships.delete(a.id(), RelationKind.DEPENDS_ON, b.id()));
        try (Connection connection = db.rawConnection();
                Statement s = connection.createStatement()) {
            assertThrows(
                    SQLException.class,
                    () -> s.execute("INSERT INTO repository_relationships (source_id, kind, target_id, fencing_token,"
                            + " created_by, created_at) VALUES ('" + a.id() + "', 'fork-of', '" + a.id() + "', 1, '"
                            + writer + "', '" + Fixtures.NOW + "')"),
                    "no self-relation");
            assertThrows(
                    SQLException.class,
                    () -> s.execute("INSERT INTO object_metadata (repository_id, oid, size_bytes, content_type,"
                            + " storage_key, fencing_token, created_by, created_at) VALUES ('" + a.id() + "', '"
                            + "ABC" + "', 1, 't/t', 'k', 1, '" + writer + "', '" + Fixtures.NOW + "')"),
                    "an oid is 64 lower-case hex digits");
        }
    }
}
