package io.buildfactory.persistence.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ArtifactId;
import io.buildfactory.domain.planning.ArtifactLink;
import io.buildfactory.domain.planning.ArtifactType;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.ContextArtifact;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContextArtifactRepositoryContractTest extends OnBothEngines {

    JooqContextArtifactRepository artifacts;
    JooqCardRepository cards;
    Project bf;
    Card card;

    @BeforeEach
    void repositories() {
        artifacts = new JooqContextArtifactRepository(db.database());
        cards = new JooqCardRepository(db.database());
        JooqWorkflowRepository workflows = new JooqWorkflowRepository(db.database());
        bf = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(bf);
        Workflow w = fixtures.workflow(bf.id(), "V");
        workflows.insert(w);
        Activity a = fixtures.activity(w, "V");
        workflows.insert(a);
        card = fixtures.card(a, "V");
        cards.insert(card);
    }

    private ContextArtifact artifact(String title, Optional<String> content, Optional<String> uri) {
        return ContextArtifact.create(
                new ArtifactId(fixtures.id()),
                bf.id(),
                ArtifactType.DOCUMENT,
                title,
                content,
                uri,
                Optional.empty(),
                Fixtures.NOW);
    }

    @Test
    void artifacts_read_back_equal_page_by_id_and_update_from_the_version_read() {
        ContextArtifact big = artifact("Design 🧭", Optional.of("x".repeat(150_000)), Optional.empty());
        ContextArtifact link = artifact("RFC", Optional.empty(), Optional.of("https://example.com/rfc?a=1&b=2"));
        ContextArtifact third = artifact("Third", Optional.of("c"), Optional.empty());
        for (ContextArtifact a : List.of(big, link, third)) {
            artifacts.insert(a);
        }
        assertEquals(Optional.of(big), artifacts.find(big.id()));
        var first = artifacts.list(bf.id(), PageRequest.first(2));
        assertEquals(List.of(big, link), first.items());
        assertEquals(
                List.of(third),
                artifacts
                        .list(
                                bf.id(),
                                PageRequest.first(2).next(first.nextCursor().orElseThrow()))
                        .items());
        ContextArtifact edited = artifacts.update(link.edit(
                ArtifactType.LINK,
                "RFC 9457",
                Optional.empty(),
                link.uri(),
                Optional.of("github:acme/x#1"),
                Fixtures.NOW));
        assertEquals(Optional.of(edited), artifacts.find(link.id()));
        assertThrows(ConflictException.class, () -> artifacts.update(link));
    }

    @Test
    void a_card_links_an_artifact_once_and_the_link_goes_with_either() {
        ContextArtifact spec = artifact("Spec", Optional.of("text"), Optional.empty());
        artifacts.insert(spec);
        artifacts.link(new ArtifactLink(card.id(), spec.id(), Fixtures.NOW));
        assertEquals(
                "artifactId",
                assertThrows(
                                ConflictException.class,
                                () -> artifacts.link(new ArtifactLink(card.id(), spec.id(), Fixtures.NOW)))
                        .field());
        assertTrue(artifacts.unlink(card.id(), spec.id()));
        assertFalse(artifacts.unlink(card.id(), spec.id()), "already gone");
        artifacts.link(new ArtifactLink(card.id(), spec.id(), Fixtures.NOW));
        artifacts.delete(spec.id());
        assertEquals(List.of(), cards.page(card.id()).orElseThrow().artifacts());
    }

    @Test
    void the_database_refuses_an_artifact_with_no_content_uri_or_integration_ref() throws SQLException {
        try (Connection c = db.rawConnection();
                var s = c.createStatement()) {
            String values = "('01JQ0000000000000000000R01', '" + bf.id() + "', 'document', 'empty', %s, %s, %s, '"
                    + Fixtures.NOW + "', '" + Fixtures.NOW + "', 1)";
            String insert = "INSERT INTO context_artifacts (id, project_id, type, title, content, uri, integration_ref,"
                    + " created_at, updated_at, version) VALUES ";
            assertThrows(SQLException.class, () -> s.executeUpdate(insert + values.formatted("NULL", "NULL", "NULL")));
            assertEquals(1, s.executeUpdate(insert + values.formatted("NULL", "NULL", "'jira:BF-1'")));
        }
    }
}
