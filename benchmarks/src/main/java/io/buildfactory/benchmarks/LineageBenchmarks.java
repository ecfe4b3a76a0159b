package io.buildfactory.benchmarks;

import io.buildfactory.application.audit.HashChainedAuditTrail;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.orchestration.OrchestrationService;
import io.buildfactory.application.orchestration.port.in.ViewRunsUseCase;
import io.buildfactory.application.planning.PlanningService;
import io.buildfactory.application.projects.ProjectService;
import io.buildfactory.application.repositories.RepositoryService;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryEnvelopes;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserKind;
import io.buildfactory.domain.orchestration.AgentCommit;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.ApprovalId;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.ChangeKind;
import io.buildfactory.domain.orchestration.CheckId;
import io.buildfactory.domain.orchestration.CommitId;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.ExecutionStatus;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PathPattern;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.orchestration.RunInputs;
import io.buildfactory.domain.orchestration.RunScope;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ActivityId;
import io.buildfactory.domain.planning.BuildState;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.CardPriority;
import io.buildfactory.domain.planning.CardStatus;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.JooqChangeVersions;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.orchestration.JooqExecutionRepository;
import io.buildfactory.persistence.orchestration.JooqReviewRepository;
import io.buildfactory.persistence.orchestration.JooqRunRepository;
import io.buildfactory.persistence.planning.JooqCardRepository;
import io.buildfactory.persistence.planning.JooqContextArtifactRepository;
import io.buildfactory.persistence.planning.JooqPlanningLog;
import io.buildfactory.persistence.planning.JooqPolicyProfileRepository;
import io.buildfactory.persistence.planning.JooqWorkflowRepository;
import io.buildfactory.persistence.projects.JooqProjectMembers;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.repositories.JooqCodeRepositories;
import io.buildfactory.persistence.repositories.JooqLeaseRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Lineage reads through the real use case (access check, the card's runs through its assignments, each run's
 * checks, the card's assignment, executions, commits, candidate and approvals), and the walk back from a commit sha,
 * measured twice in one database: when it holds 1,000 runs, and again after it has grown to {@code total} runs.
 * Every card is built by three runs, each with an execution, a commit, two checks, a candidate and an approval, so
 * the answer read is the same size at both points: only the database around it grows.
 */
final class LineageBenchmarks {

    static final int RUNS_PER_CARD = 3;
    static final int SMALL = 1_000;
    static final int READS = 2_000;

    private LineageBenchmarks() {}

    static void lineage(String target, int total) throws Exception {
        try (BenchDatabase db = BenchDatabase.open(target)) {
            Clock clock = Bench.CLOCK;
            IdGenerator ids = Bench.ids(11);
            JooqTransactionRunner tx = new JooqTransactionRunner(db.database);
            BufferedTelemetrySink sink = new BufferedTelemetrySink(
                    new JooqTelemetryRepository(db.database, clock, IdGenerator.secure(clock)),
                    clock,
                    BufferedTelemetrySink.Settings.DEFAULT);
            AuditTrail audit = new HashChainedAuditTrail(new JooqAuditRepository(db.database, clock), tx, ids, clock);
            Telemetry telemetry = new TelemetryEnvelopes(sink, ids, clock);
            ProjectService projects = new ProjectService(
                    new JooqProjectRepository(db.database),
                    new JooqProjectMembers(db.database),
                    tx,
                    audit,
                    telemetry,
                    ids,
                    clock,
                    new JooqChangeVersions(db.database));
            JooqWorkflowRepository workflows = new JooqWorkflowRepository(db.database);
            JooqCardRepository cards = new JooqCardRepository(db.database);
            PlanningService plan = new PlanningService(
                    projects,
                    workflows,
                    cards,
                    new JooqContextArtifactRepository(db.database),
                    new JooqPolicyProfileRepository(db.database),
                    new JooqPlanningLog(db.database),
                    tx,
                    audit,
                    telemetry,
                    ids,
                    clock);
            JooqRunRepository runs = new JooqRunRepository(db.database);
            JooqExecutionRepository executions = new JooqExecutionRepository(db.database);
            JooqReviewRepository reviews = new JooqReviewRepository(db.database);
            RepositoryService repositories = new RepositoryService(
                    projects,
                    new JooqCodeRepositories(db.database),
                    new JooqLeaseRepository(db.database),
                    tx,
                    audit,
                    telemetry,
                    ids,
                    clock);
            ViewRunsUseCase view = new OrchestrationService(
                    projects,
                    plan,
                    runs,
                    executions,
                    reviews,
                    tx,
                    audit,
                    telemetry,
                    ids,
                    clock,
                    Duration.ofMinutes(5),
                    repositories);

            Instant now = clock.instant();
            User user = User.register(
                    new UserId(ids.next()), new EmailAddress("lineage@example.com"), "Reader", UserKind.HUMAN, now);
            new JooqUserRepository(db.database).insert(user);
            Actor reader = new Actor(
                    user.id(),
                    Set.of(Permissions.RUN_READ, Permissions.PLANNING_READ, Permissions.PROJECT_READ),
                    new Actor.Credential.ViaSession(new SessionId(ids.next())),
                    RequestContext.system("bench"));
            Project project = Project.create(
                    new ProjectId(ids.next()),
                    new ProjectKey("BF"),
                    "Lineage",
                    "",
                    Optional.empty(),
                    Optional.empty(),
                    now);
            new JooqProjectRepository(db.database).insert(project);
            Workflow workflow =
                    Workflow.create(new WorkflowId(ids.next()), project.id(), "Delivery", "", new Rank("V"), now);
            workflows.insert(workflow);
            Activity activity = Activity.create(
                    new ActivityId(ids.next()), workflow, "Build", Optional.empty(), new Rank("V"), now);
            workflows.insert(activity);
            PolicyProfile profile = PolicyProfile.empty(project.id());

            Seeder seeder =
                    new Seeder(ids, user.id(), project.id(), activity, profile, runs, executions, reviews, cards);
            long t0 = System.nanoTime();
            tx.inTransaction(() -> seeder.grow(SMALL, clock.instant()));
            report(db.name, "small", seeder, view, reader, (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            int batch = 3_000;
            while (seeder.runs < total) {
                int next = Math.min(total, seeder.runs + batch);
                tx.inTransaction(() -> seeder.grow(next, clock.instant()));
            }
            db.database.dsl().execute("ANALYZE");
            report(db.name, "large", seeder, view, reader, (System.nanoTime() - t0) / 1e9);
            sink.close();
        }
    }

    private static void report(
            String engine, String size, Seeder seeder, ViewRunsUseCase view, Actor reader, double seeding) {
        SplittableRandom random = new SplittableRandom(3);
        long[] lineage = new long[READS];
        long[] origin = new long[READS];
        int warm = 1_000;
        for (int i = -warm; i < READS; i++) {
            int c = random.nextInt(seeder.cards.size());
            long a = System.nanoTime();
            List<ViewRunsUseCase.RunDetail> read = view.lineage(reader, seeder.cards.get(c));
            long b = System.nanoTime();
            List<ViewRunsUseCase.Origin> back = view.originOfCommit(reader, seeder.shas.get(c));
            long e = System.nanoTime();
            if (read.size() != RUNS_PER_CARD || back.size() != 1) {
                throw new IllegalStateException("lineage of a card is its three runs: " + read.size());
            }
            if (i >= 0) {
                lineage[i] = b - a;
                origin[i] = e - b;
            }
        }
        Arrays.sort(lineage);
        Arrays.sort(origin);
        System.out.printf(
                "%s lineage with %,d runs (%,d cards; seeded in %.1f s): card lineage %s; commit origin %s%n",
                engine,
                seeder.runs,
                seeder.cards.size(),
                seeding,
                Events.percentiles(lineage),
                Events.percentiles(origin));
    }

    /** Cards of three runs each, every run with the whole chain, written through the repositories. */
    private static final class Seeder {
        final IdGenerator ids;
        final UserId agent;
        final ProjectId project;
        final Activity activity;
        final PolicyProfile profile;
        final JooqRunRepository runRepository;
        final JooqExecutionRepository executions;
        final JooqReviewRepository reviews;
        final JooqCardRepository cardRepository;
        final List<CardId> cards = new ArrayList<>();
        final List<String> shas = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(5);
        int runs;

        Seeder(
                IdGenerator ids,
                UserId agent,
                ProjectId project,
                Activity activity,
                PolicyProfile profile,
                JooqRunRepository runs,
                JooqExecutionRepository executions,
                JooqReviewRepository reviews,
                JooqCardRepository cards) {
            this.ids = ids;
            this.agent = agent;
            this.project = project;
            this.activity = activity;
            this.profile = profile;
            this.runRepository = runs;
            this.executions = executions;
            this.reviews = reviews;
            this.cardRepository = cards;
        }

        void grow(int total, Instant now) {
            while (runs < total) {
                Card card = Card.create(
                        new CardId(ids.next()),
                        activity,
                        "Card " + cards.size(),
                        "",
                        CardStatus.BACKLOG,
                        CardPriority.MEDIUM,
                        BuildState.NOT_STARTED,
                        new Rank(String.format("%07d1", cards.size())),
                        now);
                cardRepository.insert(card);
                String lastSha = null;
                for (int r = 0; r < RUNS_PER_CARD; r++) {
                    lastSha = run(card, now);
                }
                cards.add(card.id());
                shas.add(lastSha);
            }
        }

        private String run(Card card, Instant now) {
            OrchestrationRun run = OrchestrationRun.queue(
                    new RunId(ids.next()),
                    project,
                    new RunScope.OfCard(card.id()),
                    agent,
                    new RunInputs(List.of(new CardPage(card, List.of(), List.of(), List.of())), profile),
                    now);
            runRepository.insert(run);
            CardAssignment assignment = CardAssignment.queue(
                    new AssignmentId(ids.next()),
                    run.id(),
                    card.id(),
                    "bf/" + run.id(),
                    List.of(new PathPattern("src/**")),
                    now);
            runRepository.insert(assignment);
            AgentExecution execution = AgentExecution.claim(
                    new ExecutionId(ids.next()), assignment.id(), agent, now, Duration.ofMinutes(5));
            executions.insert(execution.finish(ExecutionStatus.SUCCEEDED, Optional.empty(), now));
            String sha = String.format("%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
            executions.insert(AgentCommit.report(
                    new CommitId(ids.next()),
                    execution.id(),
                    sha,
                    "change",
                    "agent",
                    List.of(new AgentCommit.FileChange("src/A.java", ChangeKind.MODIFIED)),
                    assignment,
                    List.of(),
                    now,
                    Optional.empty()));
            for (String name : List.of("ci/build", "ci/test")) {
                reviews.insert(RunCheck.open(new CheckId(ids.next()), run.id(), name, true, now));
            }
            PullRequestCandidate candidate = PullRequestCandidate.draft(
                    new CandidateId(ids.next()), assignment.id(), "bf/" + run.id(), "change", "", now);
            reviews.insert(candidate);
            reviews.insert(ApprovalRequest.request(
                    new ApprovalId(ids.next()), candidate.id(), agent, now, now.plusSeconds(86_400)));
            runs++;
            return sha;
        }
    }
}
