package io.buildfactory.persistence.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.AssignmentStatus;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PathPattern;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.orchestration.RunInputs;
import io.buildfactory.domain.orchestration.RunScope;
import io.buildfactory.domain.orchestration.RunStatus;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ArtifactId;
import io.buildfactory.domain.planning.ArtifactKind;
import io.buildfactory.domain.planning.ArtifactType;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.ContextArtifact;
import io.buildfactory.domain.planning.FileAction;
import io.buildfactory.domain.planning.KnowledgeItem;
import io.buildfactory.domain.planning.KnowledgeItemId;
import io.buildfactory.domain.planning.KnowledgeKind;
import io.buildfactory.domain.planning.PlannedFile;
import io.buildfactory.domain.planning.PlannedFileId;
import io.buildfactory.domain.planning.PlannedFileStatus;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.planning.JooqCardRepository;
import io.buildfactory.persistence.planning.JooqWorkflowRepository;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunRepositoryContractTest extends OnBothEngines {

    JooqRunRepository runs;
    JooqExecutionRepository executions;
    Project bf;
    Project ops;
    Workflow workflow;
    List<Card> cards = new ArrayList<>();
    User agent;

    @BeforeEach
    void plan() {
        runs = new JooqRunRepository(db.database());
        executions = new JooqExecutionRepository(db.database());
        JooqProjectRepository projects = new JooqProjectRepository(db.database());
        bf = fixtures.project("BF");
        ops = fixtures.project("OPS");
        projects.insert(bf);
        projects.insert(ops);
        JooqWorkflowRepository workflows = new JooqWorkflowRepository(db.database());
        JooqCardRepository cardRepository = new JooqCardRepository(db.database());
        workflow = fixtures.workflow(bf.id(), "V");
        workflows.insert(workflow);
        Activity activity = fixtures.activity(workflow, "V");
        workflows.insert(activity);
        for (String rank : List.of("1", "5", "V", "k", "t", "x")) {
            Card card = fixtures.card(activity, rank);
            cardRepository.insert(card);
            cards.add(card);
        }
        agent = fixtures.user();
    }

    OrchestrationRun run(Project project, RunScope scope) {
        RunInputs inputs = new RunInputs(
                List.of(new CardPage(cards.getFirst(), List.of(), List.of(), List.of())),
                PolicyProfile.empty(project.id())
                        .edit(List.of("ci"), List.of("src/**"), List.of("src/secrets/**"), Fixtures.NOW)
                        .nextVersion());
        OrchestrationRun run =
                OrchestrationRun.queue(new RunId(fixtures.id()), project.id(), scope, agent.id(), inputs, Fixtures.NOW);
        runs.insert(run);
        return run;
    }

    CardAssignment assignment(OrchestrationRun run, Card card) {
        CardAssignment a = CardAssignment.queue(
                new AssignmentId(fixtures.id()),
                run.id(),
                card.id(),
                "bf/bf-" + card.id().toString().toLowerCase(),
                List.of(new PathPattern("src/**")),
                Fixtures.NOW.plusNanos(1000L * runs.assignmentsOf(run.id()).size()));
        runs.insert(a);
        return a;
    }

    @Test
    void a_run_reads_back_with_its_frozen_inputs_and_moves_under_its_version() {
        OrchestrationRun run = run(bf, new RunScope.OfWorkflow(workflow.id()));
        assertEquals(Optional.of(run), runs.find(run.id()));
        OrchestrationRun running = run.moveTo(RunStatus.RUNNING, Fixtures.NOW.plusSeconds(1));
        runs.update(running);
        assertEquals(Optional.of(running), runs.find(run.id()));
        assertThrows(ConflictException.class, () -> runs.update(running), "version 2 was written already");
        OrchestrationRun cardRun = run(bf, new RunScope.OfCard(cards.get(1).id()));
        run(ops, new RunScope.OfCard(cards.get(2).id()));
        var first = runs.list(bf.id(), PageRequest.first(1));
        assertEquals(List.of(cardRun), first.items(), "newest first");
        assertEquals(
                List.of(running),
                runs.list(bf.id(), PageRequest.first(1).next(first.nextCursor().orElseThrow()))
                        .items());
    }

    @Test
    void frozen_inputs_read_back_whole_with_knowledge_files_artifacts_and_the_profile() {
        Card card = cards.getFirst();
        var question = KnowledgeItem.create(
                new KnowledgeItemId(fixtures.id()),
                card.id(),
                KnowledgeKind.QUESTION,
                "Which encoding? ✓",
                Optional.of("interview"),
                Optional.empty(),
                Optional.of("UTF-8"),
                Optional.empty(),
                new Rank("V"),
                Fixtures.NOW);
        var fact = KnowledgeItem.create(
                new KnowledgeItemId(fixtures.id()),
                card.id(),
                KnowledgeKind.KNOWN_FACT,
                "users use Excel",
                Optional.empty(),
                Optional.of(80),
                Optional.empty(),
                Optional.empty(),
                new Rank("k"),
                Fixtures.NOW);
        var file = PlannedFile.create(
                new PlannedFileId(fixtures.id()),
                card.id(),
                "src/Export.java",
                Optional.of("core"),
                ArtifactKind.SOURCE,
                FileAction.CREATE,
                "the exporter",
                Optional.of("returns text/csv"),
                PlannedFileStatus.PLANNED,
                new Rank("V"),
                Fixtures.NOW);
        var artifact = ContextArtifact.create(
                new ArtifactId(fixtures.id()),
                bf.id(),
                ArtifactType.LINK,
                "RFC",
                Optional.empty(),
                Optional.of("https://example.com/rfc"),
                Optional.of("github:acme/x#1"),
                Fixtures.NOW.plusNanos(1000));
        RunInputs inputs = new RunInputs(
                List.of(new CardPage(card, List.of(fact, question), List.of(file), List.of(artifact))),
                PolicyProfile.empty(bf.id())
                        .edit(List.of("ci/build"), List.of("src/**"), List.of("src/secrets/**"), Fixtures.NOW)
                        .nextVersion());
        OrchestrationRun run = OrchestrationRun.queue(
                new RunId(fixtures.id()), bf.id(), new RunScope.OfCard(card.id()), agent.id(), inputs, Fixtures.NOW);
        runs.insert(run);
        assertEquals(Optional.of(inputs), runs.find(run.id()).map(OrchestrationRun::inputs));
    }

    @Test
    void assignments_read_back_and_the_runs_of_a_card_are_found_through_them() {
        OrchestrationRun run = run(bf, new RunScope.OfWorkflow(workflow.id()));
        CardAssignment a = assignment(run, cards.get(0));
        CardAssignment b = assignment(run, cards.get(1));
        assertEquals(Optional.of(a), runs.find(a.id()));
        assertEquals(List.of(a, b), runs.assignmentsOf(run.id()));
        assertThrows(RuntimeException.class, () -> assignment(run, cards.get(0)), "a card once per run");
        OrchestrationRun again = run(bf, new RunScope.OfCard(cards.get(0).id()));
        assignment(again, cards.get(0));
        assertEquals(List.of(again, run), runs.runsOf(cards.get(0).id()));
        CardAssignment claimed = a.moveTo(AssignmentStatus.CLAIMED, Fixtures.NOW);
        runs.update(claimed);
        assertThrows(ConflictException.class, () -> runs.update(claimed));
    }

    @Test
    void concurrent_claimers_each_get_a_different_assignment_and_none_is_claimed_twice() throws Exception {
        OrchestrationRun run = run(bf, new RunScope.OfWorkflow(workflow.id()));
        for (Card card : cards) {
            assignment(run, card);
        }
        OrchestrationRun elsewhere = run(ops, new RunScope.OfCard(cards.get(0).id()));
        assignment(elsewhere, cards.get(0));
        int claimers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        CyclicBarrier start = new CyclicBarrier(claimers);
        Set<AssignmentId> claimed = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < claimers; c++) {
            results.add(pool.submit(() -> {
                start.await();
                int mine = 0;
                while (true) {
                    Optional<CardAssignment> got = db.database().transaction(() -> {
                        Optional<CardAssignment> next = runs.lockNextQueued(bf.id());
                        next.ifPresent(a -> {
                            CardAssignment taken = a.moveTo(AssignmentStatus.CLAIMED, Fixtures.NOW);
                            runs.update(taken);
                            executions.insert(AgentExecution.claim(
                                    new ExecutionId(fixtures.id()),
                                    a.id(),
                                    agent.id(),
                                    Fixtures.NOW,
                                    Duration.ofMinutes(5)));
                        });
                        return next;
                    });
                    if (got.isEmpty()) {
                        return mine;
                    }
                    if (!claimed.add(got.get().id())) {
                        throw new AssertionError("claimed twice: " + got.get().id());
                    }
                    mine++;
                }
            }));
        }
        int total = 0;
        for (Future<Integer> r : results) {
            total += r.get();
        }
        pool.shutdown();
        assertEquals(cards.size(), total, "every assignment of the project claimed once");
        assertEquals(cards.size(), new HashSet<>(claimed).size());
        assertEquals(
                AssignmentStatus.QUEUED,
                runs.assignmentsOf(elsewhere.id()).getFirst().status(),
                "another project's queue is not this one's");
    }
}
