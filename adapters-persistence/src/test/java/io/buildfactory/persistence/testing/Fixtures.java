package io.buildfactory.persistence.testing;

import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeId;
import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserKind;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ActivityId;
import io.buildfactory.domain.planning.BuildState;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.CardPriority;
import io.buildfactory.domain.planning.CardStatus;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.domain.telemetry.EventType;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryEventId;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;

/** Seeded ids and a fixed clock, so every run of a test sees the same values. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123456Z");

    private final Random random = new Random(42);
    private final IdGenerator ids = new IdGenerator(Clock.fixed(NOW, ZoneOffset.UTC), random);
    private int emails;

    public Ulid id() {
        return ids.next();
    }

    public Session session(UserId user, Instant createdAt, Duration idle, Duration absolute) {
        Ulid id = id();
        return new Session(
                new SessionId(id),
                user,
                TokenHash.of("token-" + id),
                createdAt,
                createdAt,
                createdAt.plus(idle),
                createdAt.plus(absolute),
                Optional.empty(),
                Optional.empty(),
                Optional.of("127.0.0.1"),
                Optional.of("curl/8"));
    }

    public Conversation conversation(UserId owner, String title) {
        return Conversation.start(new ConversationId(id()), owner, title, Optional.empty(), Optional.empty(), NOW);
    }

    public Exchange exchange(ConversationId conversation, long sequence, UserId author) {
        return Exchange.open(
                new ExchangeId(id()),
                conversation,
                sequence,
                author,
                "agent-7",
                "request " + sequence,
                java.util.Map.of(),
                NOW);
    }

    public TelemetryEvent telemetry(String type, Instant at, String correlationId) {
        return new TelemetryEvent(
                new TelemetryEventId(Ulid.generate(at, random)),
                new EventType(type),
                Optional.of("session-1"),
                Optional.empty(),
                Optional.empty(),
                correlationId,
                at,
                1,
                "{\"n\": " + random.nextInt(1000) + "}");
    }

    public User user() {
        emails++;
        return User.register(
                new UserId(id()),
                new EmailAddress("user" + emails + "@example.com"),
                "User " + emails,
                UserKind.HUMAN,
                NOW);
    }

    /** A project under {@code key}, named after it. */
    public Project project(String key) {
        return Project.create(
                new ProjectId(id()),
                new ProjectKey(key),
                "Project " + key,
                "",
                Optional.empty(),
                Optional.empty(),
                NOW);
    }

    public Workflow workflow(ProjectId project, String rank) {
        return Workflow.create(new WorkflowId(id()), project, "Workflow " + rank, "", new Rank(rank), NOW);
    }

    public Activity activity(Workflow workflow, String rank) {
        return Activity.create(
                new ActivityId(id()), workflow, "Activity " + rank, Optional.empty(), new Rank(rank), NOW);
    }

    public Card card(Activity activity, String rank) {
        return Card.create(
                new CardId(id()),
                activity,
                "Card " + rank,
                "",
                CardStatus.BACKLOG,
                CardPriority.MEDIUM,
                BuildState.NOT_STARTED,
                new Rank(rank),
                NOW);
    }

    /** Stores a project for each key, as tests of what is filed under a project need. */
    public static void projects(Database db, String... keys) {
        Fixtures fixtures = new Fixtures();
        JooqProjectRepository projects = new JooqProjectRepository(db);
        for (String key : keys) {
            projects.insert(fixtures.project(key));
        }
    }
}
