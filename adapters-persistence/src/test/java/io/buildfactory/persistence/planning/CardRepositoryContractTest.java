package io.buildfactory.persistence.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ArtifactId;
import io.buildfactory.domain.planning.ArtifactKind;
import io.buildfactory.domain.planning.ArtifactLink;
import io.buildfactory.domain.planning.ArtifactType;
import io.buildfactory.domain.planning.BuildState;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.CardPriority;
import io.buildfactory.domain.planning.CardStatus;
import io.buildfactory.domain.planning.ContextArtifact;
import io.buildfactory.domain.planning.FileAction;
import io.buildfactory.domain.planning.KnowledgeItem;
import io.buildfactory.domain.planning.KnowledgeItemId;
import io.buildfactory.domain.planning.KnowledgeKind;
import io.buildfactory.domain.planning.PlannedFile;
import io.buildfactory.domain.planning.PlannedFileId;
import io.buildfactory.domain.planning.PlannedFileStatus;
import io.buildfactory.domain.planning.QuestionStatus;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CardRepositoryContractTest extends OnBothEngines {

    JooqWorkflowRepository workflows;
    JooqCardRepository cards;
    JooqContextArtifactRepository artifacts;
    Project bf;
    Activity todo;
    Activity doing;
    Activity elsewhere;

    @BeforeEach
    void repositories() {
        workflows = new JooqWorkflowRepository(db.database());
        cards = new JooqCardRepository(db.database());
        artifacts = new JooqContextArtifactRepository(db.database());
        JooqProjectRepository projects = new JooqProjectRepository(db.database());
        bf = fixtures.project("BF");
        Project ops = fixtures.project("OPS");
        projects.insert(bf);
        projects.insert(ops);
        Workflow w = fixtures.workflow(bf.id(), "V");
        workflows.insert(w);
        todo = fixtures.activity(w, "V");
        doing = fixtures.activity(w, "k");
        workflows.insert(todo);
        workflows.insert(doing);
        Workflow other = fixtures.workflow(ops.id(), "V");
        workflows.insert(other);
        elsewhere = fixtures.activity(other, "V");
        workflows.insert(elsewhere);
    }

    @Test
    void cards_read_back_equal_list_in_order_and_move_between_activities_of_their_project() {
        Card a = fixtures.card(todo, "V")
                .edit(
                        "Añadir exportación 📦",
                        "long\n".repeat(1000),
                        CardStatus.IN_PROGRESS,
                        CardPriority.URGENT,
                        BuildState.BUILDING,
                        Fixtures.NOW.plusNanos(5000));
        Card b = fixtures.card(todo, "1");
        cards.insert(a);
        cards.insert(b);
        assertEquals(Optional.of(a), cards.find(a.id()));
        assertEquals(List.of(b, a), cards.list(todo.id(), PageRequest.first(10)).items());
        var first = cards.list(todo.id(), PageRequest.first(1));
        assertEquals(List.of(b), first.items());
        assertEquals(
                List.of(a),
                cards.list(
                                todo.id(),
                                PageRequest.first(1).next(first.nextCursor().orElseThrow()))
                        .items());

        Card moved = a.movedTo(doing, new Rank("V"), Fixtures.NOW);
        cards.move(moved);
        assertEquals(Optional.of(moved), cards.find(a.id()));
        assertEquals(List.of(b), cards.list(todo.id(), PageRequest.first(10)).items());
        Card updated = cards.update(
                moved.edit("Export", "", CardStatus.DONE, CardPriority.LOW, BuildState.BUILT, Fixtures.NOW));
        assertEquals(2, updated.version());
        assertThrows(ConflictException.class, () -> cards.update(moved), "version 1 is stale");
    }

    @Test
    void the_database_keeps_a_card_in_its_own_project() throws SQLException {
        Card a = fixtures.card(todo, "V");
        cards.insert(a);
        try (Connection c = db.rawConnection();
                var s = c.createStatement()) {
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate(
                            "UPDATE cards SET activity_id = '" + elsewhere.id() + "' WHERE id = '" + a.id() + "'"));
        }
        assertEquals(Optional.of(a), cards.find(a.id()));
    }

    @Test
    void knowledge_of_every_kind_reads_back_by_id_and_with_its_card_in_kind_then_rank_order() {
        Card card = fixtures.card(todo, "V");
        cards.insert(card);
        KnowledgeItem requirement = item(card, KnowledgeKind.REQUIREMENT, "k", Optional.empty(), Optional.empty());
        KnowledgeItem early = item(card, KnowledgeKind.REQUIREMENT, "1", Optional.empty(), Optional.empty());
        KnowledgeItem fact = item(card, KnowledgeKind.KNOWN_FACT, "V", Optional.of(90), Optional.empty());
        KnowledgeItem assumption = item(card, KnowledgeKind.ASSUMPTION, "V", Optional.of(0), Optional.empty());
        KnowledgeItem question = item(card, KnowledgeKind.QUESTION, "V", Optional.empty(), Optional.of("Yes, CSV."));
        for (KnowledgeItem i : List.of(requirement, early, fact, assumption, question)) {
            cards.insert(i);
            assertEquals(Optional.of(i), cards.find(i.id()));
        }
        assertEquals(
                List.of(early, requirement, fact, assumption, question),
                cards.page(card.id()).orElseThrow().knowledge());

        KnowledgeItem reopened = cards.update(question.edit(
                "Which format?", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Fixtures.NOW));
        assertEquals(Optional.of(QuestionStatus.OPEN), reopened.questionStatus());
        assertEquals(Optional.of(reopened), cards.find(question.id()));
        KnowledgeItem moved = requirement.movedTo(new Rank("0V"), Fixtures.NOW);
        cards.move(moved);
        assertEquals(
                Optional.of(moved.rank()),
                cards.knowledgeRanks(KnowledgeKind.REQUIREMENT).first(card.id()));
        cards.delete(fact.id());
        assertEquals(Optional.empty(), cards.find(fact.id()));
        assertEquals(4, cards.page(card.id()).orElseThrow().knowledge().size());
    }

    @Test
    void the_database_refuses_an_answered_question_without_its_answer() throws SQLException {
        Card card = fixtures.card(todo, "V");
        cards.insert(card);
        try (Connection c = db.rawConnection();
                var s = c.createStatement()) {
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("INSERT INTO card_questions (id, card_id, text, status, rank, created_at,"
                            + " updated_at, version) VALUES ('01JQ0000000000000000000Q01', '" + card.id()
                            + "', 'why?', 'answered', 'V', '" + Fixtures.NOW + "', '" + Fixtures.NOW + "', 1)"));
        }
    }

    @Test
    void planned_files_are_one_per_path_per_card_and_the_page_holds_everything_the_card_has() {
        Card card = fixtures.card(todo, "V");
        cards.insert(card);
        PlannedFile main = file(card, "src/main/java/Export.java", "V");
        PlannedFile test = file(card, "src/test/java/ExportTest.java", "k");
        cards.insert(main);
        cards.insert(test);
        assertEquals(Optional.of(main), cards.find(main.id()));
        assertEquals(
                "logicalPath",
                assertThrows(ConflictException.class, () -> cards.insert(file(card, main.logicalPath(), "z")))
                        .field());
        assertEquals(
                "logicalPath",
                assertThrows(
                                ConflictException.class,
                                () -> cards.update(test.edit(
                                        main.logicalPath(),
                                        Optional.empty(),
                                        ArtifactKind.TEST,
                                        FileAction.CREATE,
                                        "tests",
                                        Optional.empty(),
                                        PlannedFileStatus.PLANNED,
                                        Fixtures.NOW)))
                        .field());

        ContextArtifact spec = ContextArtifact.create(
                new ArtifactId(fixtures.id()),
                bf.id(),
                ArtifactType.SPECIFICATION,
                "Export spec",
                Optional.of("CSV, UTF-8"),
                Optional.empty(),
                Optional.empty(),
                Fixtures.NOW);
        artifacts.insert(spec);
        artifacts.link(new ArtifactLink(card.id(), spec.id(), Fixtures.NOW));

        CardPage page = cards.page(card.id()).orElseThrow();
        assertEquals(card, page.card());
        assertEquals(List.of(main, test), page.plannedFiles());
        assertEquals(List.of(spec), page.artifacts());

        cards.delete(card.id());
        assertEquals(Optional.empty(), cards.find(main.id()), "a card's planned files go with it");
        assertEquals(Optional.of(spec), artifacts.find(spec.id()), "the artifact stays, unlinked");
    }

    @Test
    void a_card_page_takes_four_queries_however_much_the_card_holds() {
        AtomicInteger statements = new AtomicInteger();
        try (Database counted = Database.open(db.settings(), new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.incrementAndGet();
            }
        })) {
            JooqCardRepository countedCards = new JooqCardRepository(counted);
            Card small = fixtures.card(todo, "V");
            Card big = fixtures.card(todo, "k");
            cards.insert(small);
            cards.insert(big);
            cards.insert(item(small, KnowledgeKind.REQUIREMENT, "V", Optional.empty(), Optional.empty()));
            String rank = "1";
            for (int i = 0; i < 30; i++) {
                rank = Rank.after(new Rank(rank)).value();
                for (KnowledgeKind kind : KnowledgeKind.values()) {
                    cards.insert(item(
                            big,
                            kind,
                            rank,
                            kind.hasConfidence() ? Optional.of(50) : Optional.empty(),
                            Optional.empty()));
                }
                cards.insert(file(big, "src/File" + i + ".java", rank));
                ContextArtifact a = ContextArtifact.create(
                        new ArtifactId(fixtures.id()),
                        bf.id(),
                        ArtifactType.SNIPPET,
                        "note " + i,
                        Optional.of("n"),
                        Optional.empty(),
                        Optional.empty(),
                        Fixtures.NOW);
                artifacts.insert(a);
                artifacts.link(new ArtifactLink(big.id(), a.id(), Fixtures.NOW));
            }
            statements.set(0);
            CardPage smallPage = countedCards.page(small.id()).orElseThrow();
            int forSmall = statements.getAndSet(0);
            CardPage bigPage = countedCards.page(big.id()).orElseThrow();
            int forBig = statements.get();
            assertEquals(1, smallPage.knowledge().size());
            assertEquals(120, bigPage.knowledge().size());
            assertEquals(30, bigPage.plannedFiles().size());
            assertEquals(30, bigPage.artifacts().size());
            assertEquals(4, forSmall, "the card, its knowledge, its files, its artifacts");
            assertEquals(forSmall, forBig, "no query per item");
        }
    }

    private KnowledgeItem item(
            Card card, KnowledgeKind kind, String rank, Optional<Integer> confidence, Optional<String> answer) {
        return KnowledgeItem.create(
                new KnowledgeItemId(fixtures.id()),
                card.id(),
                kind,
                kind.code() + " " + rank + " — ünïcödé",
                Optional.of("interview 2026-11-30"),
                confidence,
                answer,
                Optional.empty(),
                new Rank(rank),
                Fixtures.NOW);
    }

    private PlannedFile file(Card card, String path, String rank) {
        return PlannedFile.create(
                new PlannedFileId(fixtures.id()),
                card.id(),
                path,
                Optional.of("core"),
                ArtifactKind.SOURCE,
                FileAction.MODIFY,
                "add the export",
                Optional.of("returns text/csv"),
                PlannedFileStatus.PLANNED,
                new Rank(rank),
                Fixtures.NOW);
    }
}
