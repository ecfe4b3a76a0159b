package io.buildfactory.persistence.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ActivityId;
import io.buildfactory.domain.planning.ArtifactId;
import io.buildfactory.domain.planning.ArtifactKind;
import io.buildfactory.domain.planning.ArtifactLink;
import io.buildfactory.domain.planning.ArtifactType;
import io.buildfactory.domain.planning.BuildState;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.CardPriority;
import io.buildfactory.domain.planning.CardStatus;
import io.buildfactory.domain.planning.ContextArtifact;
import io.buildfactory.domain.planning.FileAction;
import io.buildfactory.domain.planning.KnowledgeItem;
import io.buildfactory.domain.planning.KnowledgeItemId;
import io.buildfactory.domain.planning.KnowledgeKind;
import io.buildfactory.domain.planning.Planned;
import io.buildfactory.domain.planning.PlannedFile;
import io.buildfactory.domain.planning.PlannedFileId;
import io.buildfactory.domain.planning.PlannedFileStatus;
import io.buildfactory.domain.planning.PlanningAction;
import io.buildfactory.domain.planning.PlanningCommand;
import io.buildfactory.domain.planning.PlanningCommand.*;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.planning.QuestionStatus;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanningLogContractTest extends OnBothEngines {

    JooqPlanningLog log;
    Project bf;
    Project ops;
    User actor;

    @BeforeEach
    void repository() {
        log = new JooqPlanningLog(db.database());
        JooqProjectRepository projects = new JooqProjectRepository(db.database());
        bf = fixtures.project("BF");
        ops = fixtures.project("OPS");
        projects.insert(bf);
        projects.insert(ops);
        actor = fixtures.user();
    }

    private PlanningAction action(Project project, long sequence, Optional<String> key, PlanningCommand c, Planned r) {
        return new PlanningAction(
                project.id(), sequence, actor.id(), key, c, r, Fixtures.NOW.plusNanos(sequence * 1000));
    }

    @Test
    void appending_moves_the_project_sequence_and_the_log_reads_back_in_order_after_any_point() {
        assertEquals(0, db.database().transaction(() -> log.lockSequence(bf.id())));
        List<PlanningAction> appended = new ArrayList<>();
        for (long s = 1; s <= 5; s++) {
            PlanningAction a = action(
                    bf,
                    s,
                    Optional.of("key-" + s),
                    new CreateWorkflow(bf.key(), "W" + s, ""),
                    new Planned.Deleted("x", "y"));
            db.database().transaction(() -> {
                log.append(a);
                return null;
            });
            appended.add(a);
        }
        assertEquals(5, db.database().transaction(() -> log.lockSequence(bf.id())));
        assertEquals(0, db.database().transaction(() -> log.lockSequence(ops.id())), "each project counts its own");
        assertEquals(appended, log.after(bf.id(), 0, 100));
        assertEquals(appended.subList(3, 5), log.after(bf.id(), 3, 100));
        assertEquals(appended.subList(1, 3), log.after(bf.id(), 1, 2));
        assertEquals(Optional.of(appended.get(2)), log.find(bf.id(), "key-3"));
        assertEquals(Optional.empty(), log.find(ops.id(), "key-3"), "a key belongs to its project");
        assertEquals(List.of(appended.get(2)), log.withKey("key-3"));
    }

    @Test
    void an_edit_of_the_project_read_before_an_action_does_not_undo_its_sequence() {
        JooqProjectRepository projects = new JooqProjectRepository(db.database());
        Project readBefore = projects.findById(bf.id()).orElseThrow();
        log.append(
                action(bf, 1, Optional.empty(), new CreateWorkflow(bf.key(), "W", ""), new Planned.Deleted("x", "y")));
        Project edited = projects.update(readBefore.edit("Renamed", "", Optional.empty(), "main", Fixtures.NOW));
        assertEquals("Renamed", projects.findById(bf.id()).orElseThrow().name());
        assertEquals(1, db.database().transaction(() -> log.lockSequence(bf.id())), "the log's sequence stands");
        assertEquals(2, edited.version());
        assertThrows(
                IllegalStateException.class,
                () -> log.append(action(
                        bf, 3, Optional.empty(), new CreateWorkflow(bf.key(), "W", ""), new Planned.Deleted("x", "y"))),
                "an action numbered past the next is a bug, refused");
    }

    @Test
    void an_idempotency_key_is_unique_per_project_and_free_in_another() {
        PlanningCommand c = new CreateWorkflow(bf.key(), "W", "");
        log.append(action(bf, 1, Optional.of("same"), c, new Planned.Deleted("x", "y")));
        assertEquals(
                "Idempotency-Key",
                assertThrows(
                                ConflictException.class,
                                () -> log.append(action(bf, 2, Optional.of("same"), c, new Planned.Deleted("x", "y"))))
                        .field());
        log.append(action(ops, 1, Optional.of("same"), c, new Planned.Deleted("x", "y")));
        log.append(action(bf, 2, Optional.empty(), c, new Planned.Deleted("x", "y")));
        log.append(action(bf, 3, Optional.empty(), c, new Planned.Deleted("x", "y")));
        assertEquals(2, log.withKey("same").size());
        assertEquals(3, log.after(bf.id(), 0, 10).size(), "actions without a key are logged all the same");
    }

    @Test
    void every_command_and_every_result_reads_back_equal() {
        WorkflowId w = new WorkflowId(fixtures.id());
        ActivityId a = new ActivityId(fixtures.id());
        CardId c = new CardId(fixtures.id());
        KnowledgeItemId k = new KnowledgeItemId(fixtures.id());
        PlannedFileId f = new PlannedFileId(fixtures.id());
        ArtifactId x = new ArtifactId(fixtures.id());
        List<PlanningCommand> commands = List.of(
                new CreateWorkflow(bf.key(), "Ship 🚢", "how"),
                new EditWorkflow(w, 3, Optional.of("n"), Optional.empty()),
                new MoveWorkflow(w, Optional.of(new WorkflowId(fixtures.id()))),
                new DeleteWorkflow(w, 2),
                new CreateActivity(w, "Build", Optional.of("#ff0000")),
                new EditActivity(a, 1, Optional.empty(), Optional.of("#00ff00")),
                new MoveActivity(a, Optional.empty()),
                new DeleteActivity(a, 1),
                new CreateCard(
                        a, "t", "d", Optional.of(CardStatus.READY), Optional.empty(), Optional.of(BuildState.QUEUED)),
                new EditCard(
                        c,
                        1,
                        Optional.of("t"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(CardPriority.HIGH),
                        Optional.empty()),
                new MoveCard(c, Optional.of(a), Optional.of(new CardId(fixtures.id()))),
                new DeleteCard(c, 4),
                new CreateKnowledge(
                        c,
                        KnowledgeKind.KNOWN_FACT,
                        "t",
                        Optional.of("s"),
                        Optional.of(70),
                        Optional.empty(),
                        Optional.empty()),
                new EditKnowledge(
                        k,
                        1,
                        Optional.empty(),
                        Optional.of(""),
                        Optional.empty(),
                        Optional.of("yes"),
                        Optional.of(QuestionStatus.ANSWERED)),
                new MoveKnowledge(k, Optional.empty()),
                new DeleteKnowledge(k, 1),
                new CreatePlannedFile(
                        c,
                        "a/b.java",
                        Optional.empty(),
                        ArtifactKind.TEST,
                        FileAction.CREATE,
                        "i",
                        Optional.of("n"),
                        Optional.empty()),
                new EditPlannedFile(
                        f,
                        1,
                        Optional.empty(),
                        Optional.of(""),
                        Optional.of(ArtifactKind.DOC),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(PlannedFileStatus.DONE)),
                new MovePlannedFile(f, Optional.of(new PlannedFileId(fixtures.id()))),
                new DeletePlannedFile(f, 1),
                new CreateArtifact(
                        bf.key(),
                        ArtifactType.LINK,
                        "t",
                        Optional.empty(),
                        Optional.of("https://x.example"),
                        Optional.empty()),
                new EditArtifact(
                        x, 1, Optional.empty(), Optional.of("t2"), Optional.of(""), Optional.empty(), Optional.empty()),
                new DeleteArtifact(x, 1),
                new LinkArtifact(c, x),
                new UnlinkArtifact(c, x),
                new SetPolicyProfile(bf.key(), 0, List.of("ci"), List.of("src/**"), List.of(), Optional.empty()));
        assertEquals(
                Arrays.stream(PlanningCommand.class.getPermittedSubclasses()).collect(Collectors.toSet()),
                commands.stream().map(Object::getClass).collect(Collectors.toSet()),
                "every kind of command is here");

        Workflow workflow = fixtures.workflow(bf.id(), "V");
        Activity activity = fixtures.activity(workflow, "V");
        Card card = fixtures.card(activity, "V");
        List<Planned> results = List.of(
                workflow,
                activity,
                card,
                KnowledgeItem.create(
                        k,
                        card.id(),
                        KnowledgeKind.QUESTION,
                        "q",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("a"),
                        Optional.empty(),
                        new Rank("V"),
                        Fixtures.NOW),
                PlannedFile.create(
                        f,
                        card.id(),
                        "src/x.ts",
                        Optional.of("web"),
                        ArtifactKind.SOURCE,
                        FileAction.DELETE,
                        "gone",
                        Optional.empty(),
                        PlannedFileStatus.DROPPED,
                        new Rank("V"),
                        Fixtures.NOW),
                ContextArtifact.create(
                        x,
                        bf.id(),
                        ArtifactType.INTEGRATION,
                        "t",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("jira:BF-1"),
                        Fixtures.NOW),
                new ArtifactLink(card.id(), x, Fixtures.NOW),
                PolicyProfile.empty(bf.id()).edit(List.of("ci"), List.of(), List.of("secrets/**"), Fixtures.NOW),
                new Planned.Deleted("card", card.id().toString()));
        assertEquals(
                Arrays.stream(Planned.class.getPermittedSubclasses()).collect(Collectors.toSet()),
                results.stream().map(Object::getClass).collect(Collectors.toSet()),
                "every kind of result is here");

        long sequence = 0;
        List<PlanningAction> appended = new ArrayList<>();
        for (PlanningCommand command : commands) {
            for (Planned result :
                    sequence < results.size() ? List.of(results.get((int) sequence)) : List.of(results.getLast())) {
                PlanningAction action = action(bf, ++sequence, Optional.of("k" + sequence), command, result);
                log.append(action);
                appended.add(action);
            }
        }
        assertEquals(appended, log.after(bf.id(), 0, 500));
        Set<String> types =
                log.after(bf.id(), 0, 500).stream().map(p -> p.command().type()).collect(Collectors.toSet());
        assertEquals(commands.size(), types.size(), "each command type is logged under its own name");
    }
}
