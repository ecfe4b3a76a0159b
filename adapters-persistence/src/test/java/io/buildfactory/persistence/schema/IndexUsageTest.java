package io.buildfactory.persistence.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditEventId;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.audit.AuditRecord;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Participant;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.IdentityLink;
import io.buildfactory.domain.identity.IdentityLinkId;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.SessionEndReason;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.memory.MemoryKind;
import io.buildfactory.domain.memory.MemoryScope;
import io.buildfactory.domain.memory.MemoryUnit;
import io.buildfactory.domain.memory.MemoryUnitId;
import io.buildfactory.domain.memory.Retrieval;
import io.buildfactory.domain.memory.RetrievalId;
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
import io.buildfactory.domain.planning.ArtifactId;
import io.buildfactory.domain.planning.ArtifactKind;
import io.buildfactory.domain.planning.ArtifactLink;
import io.buildfactory.domain.planning.ArtifactType;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.CardPage;
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
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.projects.ProjectMember;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Mirror;
import io.buildfactory.domain.repositories.MirrorDirection;
import io.buildfactory.domain.repositories.MirrorId;
import io.buildfactory.domain.repositories.ObjectId;
import io.buildfactory.domain.repositories.ObjectMetadata;
import io.buildfactory.domain.repositories.RelationKind;
import io.buildfactory.domain.repositories.Relationship;
import io.buildfactory.domain.repositories.RemoteUrl;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.SyncClaim;
import io.buildfactory.domain.repositories.Visibility;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.Vendor;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.conversations.JooqConversationRepository;
import io.buildfactory.persistence.conversations.JooqExchangeRepository;
import io.buildfactory.persistence.identity.JooqRoleRepository;
import io.buildfactory.persistence.identity.JooqSessionRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.orchestration.JooqExecutionRepository;
import io.buildfactory.persistence.orchestration.JooqMemoryRepository;
import io.buildfactory.persistence.orchestration.JooqRetrievalLog;
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
import io.buildfactory.persistence.repositories.JooqMirrorRepository;
import io.buildfactory.persistence.repositories.JooqObjectCatalogue;
import io.buildfactory.persistence.repositories.JooqRelationshipRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.TestDatabase;
import io.buildfactory.persistence.workitems.JooqWorkItemCardLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each finder's real SQL, captured as it runs, is explained by the database over realistic data (thousands of
 * rows in every table explained, statistics gathered with ANALYZE), and the plan the planner really picks must
 * name the index built for that finder: no planner switches turned off, the index matched by its whole name.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class IndexUsageTest {

    @Parameter
    Engine engine;

    record Statement(String sql, List<Object> binds) {}

    static final List<Statement> captured = new CopyOnWriteArrayList<>();
    static volatile boolean recording;
    static TestDatabase db;
    static Database database;
    static Repositories repos;

    record Repositories(
            JooqUserRepository users,
            JooqSessionRepository sessions,
            JooqRoleRepository roles,
            JooqConversationRepository conversations,
            JooqExchangeRepository exchanges,
            JooqAuditRepository audit,
            JooqTelemetryRepository telemetry,
            JooqProjectRepository projects,
            JooqProjectMembers members,
            JooqWorkflowRepository workflows,
            JooqCardRepository cards,
            JooqContextArtifactRepository artifacts,
            JooqPolicyProfileRepository profiles,
            JooqPlanningLog log,
            JooqWorkItemCardLinks cardLinks,
            JooqRunRepository runs,
            JooqExecutionRepository executions,
            JooqReviewRepository reviews,
            JooqMemoryRepository memory,
            JooqRetrievalLog retrievals,
            JooqCodeRepositories codeRepositories,
            JooqLeaseRepository leases,
            JooqObjectCatalogue objects,
            JooqRelationshipRepository relationships,
            JooqMirrorRepository mirrors) {}

    /** Ids the orchestration seed made, for finders that must hit real rows. */
    record Seeded(
            ProjectId project,
            CardId card,
            String handoff,
            RunId run,
            String sha,
            ExecutionId execution,
            MemoryScope scope) {}

    static Seeded seeded;

    @BeforeParameterizedClassInvocation
    static void open(Engine engine) {
        db = TestDatabase.migrated(engine);
        ExecuteListener recorder = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (!recording) {
                    return; // the seed's thousands of inserts are not what is explained
                }
                captured.add(new Statement(
                        ctx.sql(), ctx.query() == null ? List.of() : ctx.query().getBindValues()));
            }
        };
        database = Database.open(db.settings(), recorder);
        Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
        repos = new Repositories(
                new JooqUserRepository(database),
                new JooqSessionRepository(database),
                new JooqRoleRepository(database, clock),
                new JooqConversationRepository(database),
                new JooqExchangeRepository(database),
                new JooqAuditRepository(database, clock),
                new JooqTelemetryRepository(database, clock, IdGenerator.secure(clock)),
                new JooqProjectRepository(database),
                new JooqProjectMembers(database),
                new JooqWorkflowRepository(database),
                new JooqCardRepository(database),
                new JooqContextArtifactRepository(database),
                new JooqPolicyProfileRepository(database),
                new JooqPlanningLog(database),
                new JooqWorkItemCardLinks(database),
                new JooqRunRepository(database),
                new JooqExecutionRepository(database),
                new JooqReviewRepository(database),
                new JooqMemoryRepository(database),
                new JooqRetrievalLog(database),
                new JooqCodeRepositories(database),
                new JooqLeaseRepository(database),
                new JooqObjectCatalogue(database),
                new JooqRelationshipRepository(database),
                new JooqMirrorRepository(database));
        seed();
    }

    /**
     * A small deployment's worth of rows, shaped like real use: many users with a few sessions each (some ended),
     * an external identity and a role each; conversations with participants, history and exchanges; an audit log
     * and telemetry spread over many actors, types and correlation ids. On near-empty tables a planner rightly
     * prefers scanning, and its estimates tie between indexes; with these it chooses as it would in production.
     */
    private static void seed() {
        Fixtures fixtures = new Fixtures();
        Random random = new Random(11);
        RoleId viewer =
                repos.roles().findByName(new RoleName("viewer")).orElseThrow().id();
        List<UserId> users = new ArrayList<>();
        List<Project> projects = new ArrayList<>();
        database.transaction(() -> {
            for (int p = 0; p < 2_000; p++) {
                Project project = fixtures.project("P" + p);
                repos.projects().insert(project);
                projects.add(project);
            }
            for (int u = 0; u < 1_000; u++) {
                User user = fixtures.user();
                users.add(user.id());
                repos.users().insert(user);
                repos.users()
                        .insertLink(new IdentityLink(
                                new IdentityLinkId(fixtures.id()),
                                user.id(),
                                "github",
                                Integer.toString(u),
                                Optional.empty(),
                                Optional.empty(),
                                Fixtures.NOW));
                repos.roles().assign(user.id(), viewer, Fixtures.NOW);
                repos.members()
                        .add(new ProjectMember(
                                projects.get(random.nextInt(projects.size())).id(), user.id(), viewer, Fixtures.NOW));
                for (int s = 0; s < 5; s++) {
                    Session session = fixtures.session(
                            user.id(),
                            Fixtures.NOW.minusSeconds(3600L * s),
                            Duration.ofMinutes(30),
                            Duration.ofHours(12));
                    repos.sessions().insert(session);
                    if (s % 2 == 0) {
                        repos.sessions().end(session.id(), Fixtures.NOW, SessionEndReason.LOGOUT);
                    }
                }
            }
            for (int c = 0; c < 1_000; c++) {
                UserId owner = users.get(random.nextInt(users.size()));
                Conversation conversation = fixtures.conversation(owner, "conversation " + c);
                repos.conversations().insert(conversation);
                UserId guest = users.get(random.nextInt(users.size()));
                if (!guest.equals(owner)) {
                    repos.conversations()
                            .saveParticipant(
                                    conversation.id(), new Participant(guest, ParticipantRole.VIEWER, Fixtures.NOW));
                }
                for (int x = 1; x <= 5; x++) {
                    repos.exchanges().insert(fixtures.exchange(conversation.id(), x, owner));
                    repos.conversations()
                            .recordEvent(new ConversationEvent(
                                    fixtures.id(),
                                    conversation.id(),
                                    Optional.empty(),
                                    "exchange.created",
                                    Optional.of(owner),
                                    Map.of(),
                                    Fixtures.NOW));
                }
            }
            Optional<AuditEvent> head = Optional.empty();
            String[] actions = {"auth.login", "auth.logout", "user.update", "conversation.create", "job.retry"};
            for (int e = 0; e < 5_000; e++) {
                // one entry in a hundred is a work-item action, as on a board that is mostly read
                String action = e % 100 == 0 ? "work-item.mark-ready" : actions[random.nextInt(actions.length)];
                AuditRecord record = new AuditRecord(
                        new AuditEventId(fixtures.id()),
                        Fixtures.NOW.plusMillis(e),
                        users.get(random.nextInt(users.size())).toString(),
                        action,
                        Optional.of("user"),
                        Optional.of(users.get(random.nextInt(users.size())).toString()),
                        AuditOutcome.SUCCESS,
                        Optional.of("c-" + e),
                        Optional.empty(),
                        Optional.empty(),
                        new TreeMap<>());
                AuditEvent event = AuditEvent.chain(record, head);
                repos.audit().append(event);
                head = Optional.of(event);
            }
            String[] types = {"action.user.updated", "exchange.created", "exchange.completed", "job.succeeded"};
            List<TelemetryEvent> events = new ArrayList<>();
            for (int e = 0; e < 5_000; e++) {
                // sign-ins are a sliver of what clients send, so asking for them is selective
                TelemetryEvent event = fixtures.telemetry(
                        e % 100 == 0 ? "action.auth.login" : types[random.nextInt(types.length)],
                        // nearly all recent: retention deletes the old few, through the time index
                        Fixtures.NOW.plusSeconds(e % 200 == 0 ? -86_400 : e),
                        "c-" + e);
                events.add(new TelemetryEvent(
                        event.id(),
                        event.eventType(),
                        event.sessionId(),
                        Optional.of(users.get(random.nextInt(users.size()))),
                        event.productId(),
                        event.correlationId(),
                        event.timestamp(),
                        event.schemaVersion(),
                        event.payloadJson()));
            }
            repos.telemetry().insertAll(events);
            seedPlans(fixtures, projects, users.getFirst());
            seedRuns(fixtures, random, users);
            return null;
        });
        database.dsl().execute("ANALYZE");
    }

    /**
     * Every project's plan begun (a workflow with one activity, an artifact, a profile, five logged actions),
     * and a hundred well under way: two workflows of three activities of four cards each, every card with one
     * item of each knowledge kind, a planned file and a link to an artifact, and twenty logged actions.
     */
    private static void seedPlans(Fixtures fixtures, List<Project> projects, UserId actor) {
        for (int p = 0; p < projects.size(); p++) {
            Project project = projects.get(p);
            boolean full = p < 100; // the rest have begun: a workflow with one activity, an artifact, a profile
            List<ContextArtifact> projectArtifacts = new ArrayList<>();
            for (int a = 0; a < (full ? 2 : 1); a++) {
                ContextArtifact artifact = ContextArtifact.create(
                        new ArtifactId(fixtures.id()),
                        project.id(),
                        ArtifactType.DOCUMENT,
                        "doc " + a,
                        Optional.of("text"),
                        Optional.empty(),
                        Optional.empty(),
                        Fixtures.NOW);
                repos.artifacts().insert(artifact);
                projectArtifacts.add(artifact);
            }
            for (String w : full ? List.of("V", "k") : List.of("V")) {
                Workflow workflow = fixtures.workflow(project.id(), w);
                repos.workflows().insert(workflow);
                for (String a : full ? List.of("F", "V", "k") : List.of("V")) {
                    Activity activity = fixtures.activity(workflow, a);
                    repos.workflows().insert(activity);
                    for (String c : full ? List.of("F", "V", "k", "s") : List.<String>of()) {
                        Card card = fixtures.card(activity, c);
                        repos.cards().insert(card);
                        for (KnowledgeKind kind : KnowledgeKind.values()) {
                            repos.cards()
                                    .insert(KnowledgeItem.create(
                                            new KnowledgeItemId(fixtures.id()),
                                            card.id(),
                                            kind,
                                            kind.code(),
                                            Optional.empty(),
                                            Optional.empty(),
                                            Optional.empty(),
                                            Optional.empty(),
                                            new Rank("V"),
                                            Fixtures.NOW));
                        }
                        repos.cards()
                                .insert(PlannedFile.create(
                                        new PlannedFileId(fixtures.id()),
                                        card.id(),
                                        "src/" + c + ".java",
                                        Optional.empty(),
                                        ArtifactKind.SOURCE,
                                        FileAction.MODIFY,
                                        "change",
                                        Optional.empty(),
                                        PlannedFileStatus.PLANNED,
                                        new Rank("V"),
                                        Fixtures.NOW));
                        repos.artifacts()
                                .link(new ArtifactLink(
                                        card.id(), projectArtifacts.getFirst().id(), Fixtures.NOW));
                    }
                }
            }
            repos.profiles()
                    .save(PolicyProfile.empty(project.id())
                            .edit(List.of("ci"), List.of("src/**"), List.of(), Fixtures.NOW));
            for (long sequence = 1; sequence <= (full ? 20 : 5); sequence++) {
                repos.log()
                        .append(new PlanningAction(
                                project.id(),
                                sequence,
                                actor,
                                Optional.of(project.key() + "-" + sequence),
                                new PlanningCommand.CreateWorkflow(project.key(), "w", ""),
                                new Planned.Deleted("workflow", "x"),
                                Fixtures.NOW));
            }
        }
    }

    /**
     * The hundred well-under-way projects at work: every card built by two card runs and, once, by its workflow's
     * run; each assignment executed once (one in twenty still running), with a commit, a candidate and an
     * approval; two checks per run. And their memory: thirty units per project (each on a card too), searched
     * twenty times per project for runs.
     */
    private static void seedRuns(Fixtures fixtures, Random random, List<UserId> users) {
        UserId agent = users.get(1);
        String[] words = {"lease", "mirror", "fencing", "token", "branch", "review", "check", "deploy", "cache", "queue"
        };
        List<Card> cards = database.dsl()
                .selectFrom(io.buildfactory.persistence.jooq.Tables.CARDS)
                .fetch(r -> repos.cards().find(CardId.parse(r.getId())).orElseThrow());
        Map<ProjectId, List<Card>> byProject = new TreeMap<>(java.util.Comparator.comparing(ProjectId::toString));
        cards.forEach(c ->
                byProject.computeIfAbsent(c.project(), k -> new ArrayList<>()).add(c));
        Seeded first = null;
        for (Map.Entry<ProjectId, List<Card>> project : byProject.entrySet()) {
            PolicyProfile profile = PolicyProfile.empty(project.getKey());
            List<OrchestrationRun> projectRuns = new ArrayList<>();
            for (Card card : project.getValue()) {
                for (int r = 0; r < 2; r++) {
                    OrchestrationRun run = OrchestrationRun.queue(
                            new RunId(fixtures.id()),
                            project.getKey(),
                            new RunScope.OfCard(card.id()),
                            agent,
                            new RunInputs(List.of(new CardPage(card, List.of(), List.of(), List.of())), profile),
                            Fixtures.NOW);
                    String handoff = "wi-" + run.id() + "@1";
                    run = new OrchestrationRun(
                            run.id(),
                            run.project(),
                            run.scope(),
                            run.status(),
                            run.startedBy(),
                            run.inputs(),
                            Optional.of(handoff),
                            run.createdAt(),
                            run.startedAt(),
                            run.finishedAt(),
                            run.version());
                    repos.runs().insert(run);
                    projectRuns.add(run);
                    CardAssignment assignment = CardAssignment.queue(
                            new AssignmentId(fixtures.id()),
                            run.id(),
                            card.id(),
                            "bf/" + run.id(),
                            List.of(new PathPattern("src/**")),
                            Fixtures.NOW);
                    repos.runs().insert(assignment);
                    AgentExecution execution = AgentExecution.claim(
                            new ExecutionId(fixtures.id()),
                            assignment.id(),
                            agent,
                            Fixtures.NOW,
                            Duration.ofMinutes(5));
                    repos.executions().insert(execution);
                    if (random.nextInt(20) != 0) {
                        repos.executions()
                                .update(execution.finish(ExecutionStatus.SUCCEEDED, Optional.empty(), Fixtures.NOW));
                    }
                    String sha = String.format("%040x", new java.math.BigInteger(160, random));
                    repos.executions()
                            .insert(AgentCommit.report(
                                    new CommitId(fixtures.id()),
                                    execution.id(),
                                    sha,
                                    "change",
                                    "agent",
                                    List.of(new AgentCommit.FileChange("src/A.java", ChangeKind.MODIFIED)),
                                    assignment,
                                    List.of(),
                                    Fixtures.NOW,
                                    Optional.empty()));
                    for (String check : List.of("ci/build", "ci/test")) {
                        repos.reviews()
                                .insert(RunCheck.open(new CheckId(fixtures.id()), run.id(), check, true, Fixtures.NOW));
                    }
                    PullRequestCandidate candidate = PullRequestCandidate.draft(
                            new CandidateId(fixtures.id()), assignment.id(), "bf/" + run.id(), "t", "", Fixtures.NOW);
                    repos.reviews().insert(candidate);
                    repos.reviews()
                            .insert(ApprovalRequest.request(
                                    new ApprovalId(fixtures.id()),
                                    candidate.id(),
                                    agent,
                                    Fixtures.NOW,
                                    Fixtures.NOW.plusSeconds(86_400)));
                    if (first == null) {
                        first = new Seeded(
                                project.getKey(),
                                card.id(),
                                handoff,
                                run.id(),
                                sha,
                                execution.id(),
                                new MemoryScope(MemoryScope.Kind.CARD, card.id().value()));
                    }
                }
            }
            for (int u = 0; u < 30; u++) {
                Card card =
                        project.getValue().get(random.nextInt(project.getValue().size()));
                StringBuilder content = new StringBuilder();
                for (int w = 0; w < 12; w++) {
                    content.append(words[random.nextInt(words.length)]).append(' ');
                }
                MemoryUnit unit = new MemoryUnit(
                        new MemoryUnitId(fixtures.id()),
                        project.getKey(),
                        MemoryKind.LESSON,
                        "seed",
                        content.toString(),
                        Optional.empty(),
                        Map.of(),
                        agent,
                        Fixtures.NOW);
                repos.memory()
                        .insert(
                                unit,
                                List.of(
                                        new MemoryScope(
                                                MemoryScope.Kind.PROJECT,
                                                project.getKey().value()),
                                        new MemoryScope(
                                                MemoryScope.Kind.CARD, card.id().value())));
            }
            RepositoryId previous = null;
            for (int r = 0; r < 5; r++) {
                CodeRepository repository = CodeRepository.create(
                        new RepositoryId(fixtures.id()),
                        project.getKey(),
                        "repo-" + r,
                        "main",
                        Visibility.PRIVATE,
                        "s3://bf/" + r,
                        Fixtures.NOW);
                repos.codeRepositories().insert(repository);
                if (r % 2 == 0) {
                    repos.leases().acquire(repository.id(), agent, Fixtures.NOW);
                }
                for (int o = 0; o < 10; o++) {
                    repos.objects()
                            .insert(new ObjectMetadata(
                                    repository.id(),
                                    new ObjectId(String.format("%064x", new java.math.BigInteger(256, random))),
                                    o,
                                    "application/octet-stream",
                                    "k" + o,
                                    new FencingToken(1),
                                    agent,
                                    Fixtures.NOW));
                }
                for (MirrorDirection direction : MirrorDirection.values()) {
                    repos.mirrors()
                            .insert(Mirror.create(
                                    new MirrorId(fixtures.id()),
                                    repository.id(),
                                    new RemoteUrl("https://git.example.com/" + r + ".git"),
                                    direction,
                                    Duration.ofMinutes(1 + random.nextInt(600)),
                                    false,
                                    new FencingToken(1),
                                    agent,
                                    Fixtures.NOW.plusSeconds(random.nextInt(86_400))));
                }
                if (previous != null) {
                    repos.relationships()
                            .insert(new Relationship(
                                    repository.id(),
                                    RelationKind.DEPENDS_ON,
                                    previous,
                                    new FencingToken(1),
                                    agent,
                                    Fixtures.NOW));
                }
                previous = repository.id();
            }
            for (int q = 0; q < 20; q++) {
                repos.retrievals()
                        .append(new Retrieval(
                                new RetrievalId(fixtures.id()),
                                project.getKey(),
                                "lease",
                                List.of(),
                                Optional.of(projectRuns
                                        .get(random.nextInt(projectRuns.size()))
                                        .id()),
                                Optional.empty(),
                                agent,
                                Fixtures.NOW,
                                List.of()));
            }
        }
        seeded = first;
    }

    @AfterParameterizedClassInvocation
    static void close() {
        database.close();
        db.close();
    }

    static final String ID = "01JQ0000000000000000000001";

    static Stream<Arguments> finders() {
        return Stream.of(
                finder(
                        "users.findByEmail",
                        r -> r.users().findByEmail(new EmailAddress("a@example.com")),
                        "users_email_canonical_key"),
                finder("users.findById", r -> r.users().findById(UserId.parse(ID)), "users"),
                finder(
                        "users.findLink",
                        r -> r.users().findLink("github", "42"),
                        "identity_links_provider_subject_key"),
                finder("users.linksOf", r -> r.users().linksOf(UserId.parse(ID)), "identity_links_user_id_idx"),
                finder(
                        "sessions.findByTokenHash",
                        r -> r.sessions().findByTokenHash(TokenHash.of("t")),
                        "sessions_token_hash_key"),
                finder(
                        "sessions.validSessionsOf",
                        r -> r.sessions().validSessionsOf(UserId.parse(ID), Fixtures.NOW),
                        "sessions_user_open_idx"),
                finder(
                        "sessions.findExpired",
                        r -> r.sessions().findExpired(Fixtures.NOW, 100),
                        "sessions_open_idle_expiry_idx"),
                finder(
                        "sessions.deleteEndedBefore",
                        r -> r.sessions().deleteEndedBefore(Fixtures.NOW, 100),
                        "sessions_ended_at_idx"),
                // roles.findByName is not here: the role catalogue is a handful of rows, which PostgreSQL
                // rightly scans; roles_name_key exists for uniqueness (RoleRepositoryContractTest holds it).
                finder(
                        "exchanges.count",
                        r -> r.exchanges().count(ConversationId.parse(ID)),
                        "exchange_records_conversation_sequence_key"),
                finder(
                        "audit.find by action prefix",
                        r -> r.audit()
                                .find(
                                        new AuditQuery(
                                                Optional.empty(),
                                                Optional.of("work-item."),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()),
                                        PageRequest.first(20)),
                        "audit_events_action_idx"),
                finder(
                        "telemetry.find by user",
                        r -> r.telemetry()
                                .find(
                                        new TelemetryQuery(
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.of(UserId.parse(ID)),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()),
                                        PageRequest.first(20)),
                        "telemetry_events_user_idx"),
                finder("roles.permissionsOf", r -> r.roles().permissionsOf(UserId.parse(ID)), "user_roles"),
                finder(
                        "conversations.ownedBy",
                        r -> r.conversations().ownedBy(UserId.parse(ID)),
                        "conversations_owner_id_idx"),
                finder(
                        "conversations.listFor",
                        r -> r.conversations().listFor(UserId.parse(ID), PageRequest.first(20)),
                        "conversation_participants_user_id_idx"),
                finder(
                        "conversations.history",
                        r -> r.conversations().history(ConversationId.parse(ID), PageRequest.first(20)),
                        "conversation_history_conversation_id_idx"),
                finder(
                        "exchanges.page",
                        r -> r.exchanges()
                                .page(
                                        ConversationId.parse(ID),
                                        PageRequest.first(20).next("40")),
                        "exchange_records_conversation_sequence_key"),
                finder("audit.head", r -> r.audit().head(), "audit_events_sequence_key"),
                finder(
                        "audit.find by actor",
                        r -> r.audit()
                                .find(
                                        new AuditQuery(
                                                Optional.of("alice"),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()),
                                        PageRequest.first(20)),
                        "audit_events_actor_idx"),
                finder(
                        "audit.find by correlation",
                        r -> r.audit()
                                .find(
                                        new AuditQuery(
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.of("c-1")),
                                        PageRequest.first(20)),
                        "audit_events_correlation_idx"),
                finder(
                        "telemetry.find by type prefix",
                        r -> r.telemetry()
                                .find(
                                        new TelemetryQuery(
                                                Optional.of("action.auth."),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()),
                                        PageRequest.first(20)),
                        "telemetry_events_type_idx"),
                finder(
                        "telemetry.find by correlation",
                        r -> r.telemetry()
                                .find(
                                        new TelemetryQuery(
                                                Optional.empty(),
                                                Optional.of("c-1"),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()),
                                        PageRequest.first(20)),
                        "telemetry_events_correlation_idx"),
                finder(
                        "projects.findByKey",
                        r -> r.projects().findByKey(new ProjectKey("P1234")),
                        "projects_project_key_key"),
                finder("projects.findById", r -> r.projects().findById(ProjectId.parse(ID)), "projects"),
                // permissionsIn and isMember name user and project: either index on project_members serves them
                finder("members.projectsOf", r -> r.members().projectsOf(UserId.parse(ID)), "project_members_user_idx"),
                finder(
                        "workflows.list",
                        r -> r.workflows().list(ProjectId.parse(ID), PageRequest.first(20)),
                        "workflows_rank_key"),
                // workflows and activities also have a unique (id, project_id) index, which the composite foreign keys
                // of their children need; it serves a lookup by id as well as the primary key does
                finder(
                        "workflows.find",
                        r -> r.workflows().find(WorkflowId.parse(ID)),
                        "workflows|workflows_project_key"),
                finder(
                        "workflowRanks.after",
                        r -> r.workflows().workflowRanks().after(ProjectId.parse(ID), new Rank("V")),
                        "workflows_rank_key"),
                finder(
                        "activities.find",
                        r -> r.workflows().find(ActivityId.parse(ID)),
                        "workflow_activities|workflow_activities_project_key"),
                finder(
                        "workflows.activities",
                        r -> r.workflows().activities(WorkflowId.parse(ID)),
                        "workflow_activities_rank_key"),
                finder(
                        "activityRanks.first",
                        r -> r.workflows().activityRanks().first(WorkflowId.parse(ID)),
                        "workflow_activities_rank_key"),
                finder("cards.find", r -> r.cards().find(CardId.parse(ID)), "cards"),
                finder(
                        "cards.list",
                        r -> r.cards().list(ActivityId.parse(ID), PageRequest.first(20)),
                        "cards_rank_key"),
                finder("cardRanks.last", r -> r.cards().cardRanks().last(ActivityId.parse(ID)), "cards_rank_key"),
                // a knowledge item by id reads the four tables by their primary keys in one union
                finder("knowledge.find", r -> r.cards().find(KnowledgeItemId.parse(ID)), "card_requirements"),
                finder(
                        "questionRanks.after",
                        r -> r.cards().knowledgeRanks(KnowledgeKind.QUESTION).after(CardId.parse(ID), new Rank("V")),
                        "card_questions_rank_key"),
                finder("plannedFiles.find", r -> r.cards().find(PlannedFileId.parse(ID)), "card_planned_files"),
                finder(
                        "plannedFileRanks.first",
                        r -> r.cards().plannedFileRanks().first(CardId.parse(ID)),
                        "card_planned_files_rank_key"),
                finder(
                        "artifacts.list",
                        r -> r.artifacts().list(ProjectId.parse(ID), PageRequest.first(20)),
                        "context_artifacts_project_idx"),
                finder("artifacts.find", r -> r.artifacts().find(ArtifactId.parse(ID)), "context_artifacts"),
                finder("profiles.find", r -> r.profiles().find(ProjectId.parse(ID)), "system_policy_profiles"),
                finder(
                        "planningLog.find",
                        r -> r.log().find(ProjectId.parse(ID), "P1-3"),
                        "planning_actions_idempotency_key|planning_actions_key_idx"),
                finder("planningLog.withKey", r -> r.log().withKey("P1-3"), "planning_actions_key_idx"),
                finder("planningLog.after", r -> r.log().after(ProjectId.parse(ID), 10, 50), "planning_actions"),
                finder("cardLinks.projectOfCard", r -> r.cardLinks().projectOfCard(CardId.parse(ID)), "cards"),
                finder("runs.find", r -> r.runs().find(RunId.parse(ID)), "orchestration_runs"),
                finder(
                        "runs.list",
                        r -> r.runs().list(ProjectId.parse(ID), PageRequest.first(20)),
                        "orchestration_runs_project_idx"),
                finder(
                        "runs.findByHandoff",
                        r -> r.runs().findByHandoff(seeded.handoff()),
                        "orchestration_runs_handoff_key"),
                // a card's runs: its assignments by card, then each run by its primary key
                finder("runs.latestOf", r -> r.runs().latestOf(seeded.card()), "card_assignments_card_idx"),
                finder("runs.runsOf", r -> r.runs().runsOf(seeded.card()), "card_assignments_card_idx"),
                finder(
                        "runs.assignmentsOf",
                        r -> r.runs().assignmentsOf(seeded.run()),
                        "card_assignments_run_card_key"),
                finder(
                        "executions.executionsOf",
                        r -> r.executions().executionsOf(AssignmentId.parse(ID)),
                        "agent_executions_assignment_idx|agent_executions_one_running_key"),
                finder(
                        "executions.overdue",
                        r -> r.executions().overdue(Fixtures.NOW.plusSeconds(3600), 100),
                        "agent_executions_deadline_idx"),
                finder(
                        "executions.commitsOf",
                        r -> r.executions().commitsOf(seeded.execution()),
                        "agent_commits_execution_sha_key"),
                finder(
                        "executions.commitsWithSha",
                        r -> r.executions().commitsWithSha(seeded.sha()),
                        "agent_commits_sha_idx"),
                finder("reviews.checksOf", r -> r.reviews().checksOf(seeded.run()), "run_checks_run_name_key"),
                finder(
                        "reviews.candidateOf",
                        r -> r.reviews().candidateOf(AssignmentId.parse(ID)),
                        "pull_request_candidates_assignment_key"),
                finder(
                        "reviews.approvalsOf",
                        r -> r.reviews().approvalsOf(CandidateId.parse(ID)),
                        "approval_requests_candidate_idx|approval_requests_open_key"),
                finder(
                        "reviews.overdueApprovals",
                        r -> r.reviews().overdueApprovals(Fixtures.NOW.plusSeconds(3600), 100),
                        "approval_requests_expiry_idx"),
                finder(
                        "memory.list",
                        r -> r.memory().list(ProjectId.parse(ID), Optional.empty(), PageRequest.first(20)),
                        "memory_units_project_idx"),
                finder(
                        "memory.listOfScope",
                        r -> r.memory().list(seeded.project(), Optional.of(seeded.scope()), PageRequest.first(20)),
                        "memory_units_project_idx"),
                finder("memory.scopesOf", r -> r.memory().scopesOf(MemoryUnitId.parse(ID)), "memory_unit_relations"),
                finder(
                        "retrievals.ofRun",
                        r -> r.retrievals().ofRun(seeded.run(), PageRequest.first(20)),
                        "memory_retrievals_run_idx"),
                finder("codeRepositories.find", r -> r.codeRepositories().find(RepositoryId.parse(ID)), "repositories"),
                finder(
                        "codeRepositories.list",
                        r -> r.codeRepositories().list(ProjectId.parse(ID), PageRequest.first(20)),
                        "repositories_project_name_key"),
                finder(
                        "objects.find",
                        r -> r.objects().find(RepositoryId.parse(ID), new ObjectId("a".repeat(64))),
                        // an oid is near unique, so PostgreSQL may take the oid index and filter the repository
                        "object_metadata|object_metadata_oid_idx"),
                finder(
                        "objects.list",
                        r -> r.objects().list(RepositoryId.parse(ID), PageRequest.first(20)),
                        "object_metadata"),
                finder(
                        "objects.withOid",
                        r -> r.objects().withOid(new ObjectId("a".repeat(64))),
                        "object_metadata_oid_idx"),
                finder(
                        "relationships.dependenciesOf",
                        r -> r.relationships().dependenciesOf(RepositoryId.parse(ID)),
                        "repository_relationships"),
                finder(
                        "leases.current",
                        r -> r.leases().current(RepositoryId.parse(ID), Fixtures.NOW),
                        "repository_leases"),
                finder(
                        "leases.standing",
                        r -> r.leases().standing(RepositoryId.parse(ID), Fixtures.NOW),
                        "repository_leases"),
                finder(
                        "mirrors.ofRepository",
                        r -> r.mirrors().ofRepository(RepositoryId.parse(ID)),
                        "mirrors_remote_key"),
                finder(
                        "mirrors.claimDue",
                        // before any is due: the scan alone, which must come from the due index
                        r -> r.mirrors()
                                .claimDue(
                                        Fixtures.NOW.minusSeconds(1),
                                        Fixtures.NOW,
                                        new SyncClaim(Ulid.parse("id", ID))),
                        "mirrors_due_idx"),
                finder(
                        "telemetry.deleteOlderThan",
                        r -> r.telemetry().deleteOlderThan(Fixtures.NOW, 100),
                        "telemetry_events_occurred_at_idx"));
    }

    static Arguments finder(String name, Consumer<Repositories> call, String index) {
        return Arguments.of(name, call, index);
    }

    @ParameterizedTest(name = "{0} uses {2}")
    @MethodSource("finders")
    void finder_uses_its_index(String name, Consumer<Repositories> call, String index) {
        captured.clear();
        recording = true;
        // read-only finders run as they are; the deletes run in a transaction rolled back, so the data stays
        try {
            database.transaction(() -> {
                call.accept(repos);
                throw new RolledBack();
            });
        } catch (RolledBack expected) {
            // as intended
        }
        recording = false;
        List<Statement> statements = List.copyOf(captured);
        assertTrue(
                !statements.isEmpty() && statements.size() <= 2, name + " runs one or two statements: " + statements);
        String plan = statements.stream().map(this::explain).reduce("", String::concat);
        // "a|b": either index serves the finder equally, and the planners may pick either
        List<String> expected =
                Stream.of(index.split("\\|")).map(this::expectedName).toList();
        assertTrue(
                expected.stream()
                        .anyMatch(e -> Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(e) + "(?![A-Za-z0-9_])")
                                .matcher(plan)
                                .find()),
                name + " should use " + String.join(" or ", expected) + ", plan was:\n" + plan + "\nfor " + statements);
    }

    private static final class RolledBack extends RuntimeException {}

    /** A table name stands for its primary key, which the two databases name differently. */
    private String expectedName(String index) {
        if (index.endsWith("_key") || index.endsWith("_idx")) {
            return index;
        }
        return engine == Engine.SQLITE ? "sqlite_autoindex_" + index + "_1" : index + "_pkey";
    }

    private String explain(Statement statement) {
        String prefix = db.vendor() == Vendor.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
        return db.database()
                .transaction(() ->
                        db
                                .database()
                                .dsl()
                                .fetch(
                                        prefix + statement.sql(),
                                        statement.binds().toArray())
                                .stream()
                                .map(r -> r.get(r.size() - 1, String.class))
                                .reduce("", (a, b) -> a + b + "\n"));
    }
}
