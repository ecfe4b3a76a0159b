package io.buildfactory.domain.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Ulid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlanningModelTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    final Random random = new Random(7);

    Ulid id() {
        return Ulid.generate(NOW, random);
    }

    @Test
    void spread_ranks_are_ordered_distinct_short_and_never_end_in_zero() {
        for (int count : new int[] {1, 2, 30, 61, 62, 1000, 5000}) {
            List<Rank> ranks = Rank.spread(count, 0);
            assertEquals(count, ranks.size());
            for (int i = 1; i < count; i++) {
                assertTrue(ranks.get(i - 1).compareTo(ranks.get(i)) < 0, count + ": " + ranks.get(i));
            }
            assertTrue(ranks.stream().noneMatch(r -> r.value().endsWith("0")));
            int length = ranks.getFirst().value().length();
            assertTrue(Math.pow(62, length) >= 2.0 * (count + 1) && Math.pow(62, length - 1) < 2.0 * (count + 1));
            // there is room between any two, and before the first
            if (count > 1) {
                Rank.between(Optional.of(ranks.getFirst()), Optional.of(ranks.get(1)));
            }
        }
        assertTrue(Rank.spread(40, 7).stream().allMatch(r -> r.value().length() == 7));
        assertThrows(IllegalArgumentException.class, () -> Rank.spread(100, 1), "100 ranks need two digits");
    }

    @Test
    void knowledge_keeps_confidence_to_facts_and_assumptions_and_an_answer_to_questions() {
        CardId card = new CardId(id());
        assertEquals(
                "confidence",
                assertThrows(InvalidInputException.class, () -> item(card, KnowledgeKind.REQUIREMENT, 50, null, null))
                        .field());
        assertEquals(
                "confidence",
                assertThrows(InvalidInputException.class, () -> item(card, KnowledgeKind.KNOWN_FACT, 101, null, null))
                        .field());
        assertEquals(
                "answer",
                assertThrows(InvalidInputException.class, () -> item(card, KnowledgeKind.ASSUMPTION, 10, "yes", null))
                        .field());
        assertEquals(
                Optional.of(QuestionStatus.ANSWERED),
                item(card, KnowledgeKind.QUESTION, null, "yes", null).questionStatus());
        assertEquals(
                Optional.of(QuestionStatus.OPEN),
                item(card, KnowledgeKind.QUESTION, null, null, null).questionStatus());
        assertEquals(
                "answer",
                assertThrows(
                                InvalidInputException.class,
                                () -> item(card, KnowledgeKind.QUESTION, null, null, QuestionStatus.ANSWERED))
                        .field());
        assertEquals(
                "status",
                assertThrows(
                                InvalidInputException.class,
                                () -> item(card, KnowledgeKind.QUESTION, null, "yes", QuestionStatus.OPEN))
                        .field());
        assertEquals(
                Optional.of(0),
                item(card, KnowledgeKind.ASSUMPTION, 0, null, null).confidence());
    }

    private KnowledgeItem item(CardId card, KnowledgeKind kind, Integer confidence, String answer, QuestionStatus s) {
        return KnowledgeItem.create(
                new KnowledgeItemId(id()),
                card,
                kind,
                "text",
                Optional.empty(),
                Optional.ofNullable(confidence),
                Optional.ofNullable(answer),
                Optional.ofNullable(s),
                new Rank("V"),
                NOW);
    }

    @Test
    void a_planned_path_is_relative_with_forward_slashes_and_no_dot_segments() {
        for (String bad : new String[] {
            "/etc/passwd", "a/../b", "../a", "./a", "a//b", "a\\b", "a/", "a/.", "a\nb", " ", "a/\u0007"
        }) {
            assertEquals(
                    "logicalPath",
                    assertThrows(InvalidInputException.class, () -> PlannedFile.path("logicalPath", bad), bad)
                            .field());
        }
        assertEquals("src/main/java/Main.java", PlannedFile.path("logicalPath", " src/main/java/Main.java "));
        assertEquals(".github/workflows/ci.yml", PlannedFile.path("logicalPath", ".github/workflows/ci.yml"));
    }

    @Test
    void an_artifact_needs_content_a_uri_or_an_integration_ref_and_a_uri_is_absolute() {
        ProjectId project = new ProjectId(id());
        assertEquals(
                "content",
                assertThrows(InvalidInputException.class, () -> artifact(project, null, null, null))
                        .field());
        assertEquals(
                "content",
                assertThrows(InvalidInputException.class, () -> artifact(project, "  ", null, null))
                        .field(),
                "blank is none");
        assertEquals(
                "uri",
                assertThrows(InvalidInputException.class, () -> artifact(project, null, "docs/spec.md", null))
                        .field());
        assertEquals(
                "uri",
                assertThrows(InvalidInputException.class, () -> artifact(project, null, "https://x.example/a b", null))
                        .field());
        assertEquals(
                Optional.of("jira:BF-1"),
                artifact(project, null, null, "jira:BF-1").integrationRef());
    }

    private ContextArtifact artifact(ProjectId project, String content, String uri, String ref) {
        return ContextArtifact.create(
                new ArtifactId(id()),
                project,
                ArtifactType.DOCUMENT,
                "t",
                Optional.ofNullable(content),
                Optional.ofNullable(uri),
                Optional.ofNullable(ref),
                NOW);
    }

    @Test
    void a_profile_lists_each_entry_once_within_bounds() {
        PolicyProfile empty = PolicyProfile.empty(new ProjectId(id()));
        assertEquals(
                "requiredChecks",
                assertThrows(
                                InvalidInputException.class,
                                () -> empty.edit(List.of("ci", "ci"), List.of(), List.of(), NOW))
                        .field());
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= PolicyProfile.MAX_ENTRIES; i++) {
            many.add("src/" + i + "/**");
        }
        assertEquals(
                "allowedPaths",
                assertThrows(InvalidInputException.class, () -> empty.edit(List.of(), many, List.of(), NOW))
                        .field());
        assertEquals(
                "forbiddenPaths",
                assertThrows(InvalidInputException.class, () -> empty.edit(List.of(), List.of(), List.of("a\tb"), NOW))
                        .field());
        assertEquals(
                List.of("ci/build"),
                empty.edit(List.of(" ci/build "), List.of(), List.of(), NOW).requiredChecks());
    }

    @Test
    void an_activity_colour_is_hex_and_a_card_stays_in_its_project() {
        Workflow w = Workflow.create(new WorkflowId(id()), new ProjectId(id()), "W", "", new Rank("V"), NOW);
        Activity a = Activity.create(new ActivityId(id()), w, "A", Optional.of("#1F6FEB"), new Rank("V"), NOW);
        assertEquals("#1f6feb", a.color());
        assertEquals(
                "#6b7280",
                Activity.create(new ActivityId(id()), w, "B", Optional.empty(), new Rank("k"), NOW)
                        .color());
        assertEquals(
                "color",
                assertThrows(
                                InvalidInputException.class,
                                () -> Activity.create(
                                        new ActivityId(id()), w, "C", Optional.of("red"), new Rank("z"), NOW))
                        .field());
        Card card = Card.create(
                new CardId(id()),
                a,
                "C",
                "",
                CardStatus.BACKLOG,
                CardPriority.LOW,
                BuildState.NOT_STARTED,
                new Rank("V"),
                NOW);
        Workflow elsewhere = Workflow.create(new WorkflowId(id()), new ProjectId(id()), "W", "", new Rank("V"), NOW);
        Activity other = Activity.create(new ActivityId(id()), elsewhere, "O", Optional.empty(), new Rank("V"), NOW);
        assertEquals(
                "activityId",
                assertThrows(InvalidInputException.class, () -> card.movedTo(other, new Rank("V"), NOW))
                        .field());
    }
}
