package io.buildfactory.persistence.schema;

import static io.buildfactory.persistence.jooq.Tables.WORK_ITEMS;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.system.port.out.DatabaseStatus;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.workitems.Lane;
import io.buildfactory.domain.workitems.PolicyProfile;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import io.buildfactory.domain.workitems.WorkType;
import io.buildfactory.persistence.Migrations;
import io.buildfactory.persistence.conversations.JooqConversationRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.system.SchemaStatus;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.TestDatabase;
import io.buildfactory.persistence.workitems.JooqProjectPolicies;
import io.buildfactory.persistence.workitems.JooqWorkItemRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class MigrationTest {

    @Parameter
    Engine engine;

    TestDatabase db;

    @BeforeEach
    void emptyDatabase() {
        db = TestDatabase.empty(engine);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void migrations_apply_cleanly_to_an_empty_database_and_the_schema_is_then_current() {
        Migrations migrations = Migrations.of(db.database());
        SchemaStatus status = new SchemaStatus(db.database(), migrations::available);
        assertFalse(status.probe().schemaCurrent(), "nothing applied yet");

        List<String> applied = migrations.migrate(Optional.empty());
        assertEquals(migrations.available(), applied);
        assertTrue(
                migrations.info().stream().allMatch(m -> m.state().equals("Success")),
                migrations.info().toString());
        DatabaseStatus.Report report = status.probe();
        assertTrue(report.schemaCurrent());
        assertEquals(applied.getLast(), report.schemaVersion());
    }

    @Test
    void migrating_again_changes_nothing() {
        Migrations migrations = Migrations.of(db.database());
        migrations.migrate(Optional.empty());
        assertEquals(List.of(), migrations.migrate(Optional.empty()));
        assertEquals(List.of(), migrations.pending(Optional.empty()));
        assertDoesNotThrow(migrations::validate);
    }

    @Test
    void dry_run_lists_pending_migrations_with_their_sql_and_changes_nothing() {
        Migrations migrations = Migrations.of(db.database());
        List<Migrations.Pending> pending = migrations.pending(Optional.empty());
        assertEquals(
                migrations.available(),
                pending.stream().map(Migrations.Pending::version).toList());
        assertTrue(pending.getFirst().sql().contains("CREATE TABLE users"), "the SQL is shown");
        assertEquals(pending, migrations.pending(Optional.empty()), "asking twice gives the same answer");
        assertFalse(
                db.database().dsl().meta().getTables().stream()
                        .anyMatch(t -> t.getName().equals("users")),
                "no table was created");
    }

    @Test
    void migrating_to_a_target_stops_there() {
        Migrations migrations = Migrations.of(db.database());
        assertEquals(List.of("1"), migrations.migrate(Optional.of("1")));
        assertTrue(migrations.pending(Optional.of("1")).isEmpty());
        assertEquals(
                migrations.available().subList(1, migrations.available().size()),
                migrations.pending(Optional.empty()).stream()
                        .map(Migrations.Pending::version)
                        .toList(),
                "later versions stay pending");
    }

    @Test
    void every_version_applies_one_step_at_a_time_up_to_the_latest_and_info_lists_them_all() {
        Migrations migrations = Migrations.of(db.database());
        List<String> available = migrations.available();
        assertTrue(available.containsAll(List.of("13", "14", "15")), "memory, repositories, objects: " + available);
        for (String version : available) {
            assertEquals(List.of(version), migrations.migrate(Optional.of(version)), "one step to " + version);
        }
        assertTrue(migrations.pending(Optional.empty()).isEmpty());
        assertEquals(
                available,
                migrations.info().stream().map(Migrations.Status::version).toList(),
                "db info lists every version, the new ones included");
    }

    @Test
    void an_applied_migration_changed_afterwards_fails_validation() throws IOException {
        Path folder = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "migrations-");
        String vendorFolder = engine == Engine.SQLITE ? "sqlite" : "postgresql";
        Path script = folder.resolve("V1__initial_schema.sql");
        try (InputStream in = getClass()
                .getClassLoader()
                .getResourceAsStream("db/migration/" + vendorFolder + "/V1__initial_schema.sql")) {
            Files.write(script, in.readAllBytes());
        }
        Migrations fromFiles = new Migrations(db.database().dataSource(), "filesystem:" + folder);
        fromFiles.migrate(Optional.empty());
        assertDoesNotThrow(fromFiles::validate);

        Files.writeString(script, "\n-- edited after it was applied\n", StandardOpenOption.APPEND);
        Migrations.MigrationException invalid = assertThrows(Migrations.MigrationException.class, fromFiles::validate);
        assertTrue(invalid.getMessage().contains("1"), invalid.getMessage());
        assertTrue(invalid.getMessage().toLowerCase().contains("checksum"), invalid.getMessage());
    }

    @Test
    void an_item_stored_with_a_status_column_upgrades_to_the_status_its_lane_and_block_give() {
        Migrations migrations = Migrations.of(db.database());
        migrations.migrate(Optional.of("7"));
        Instant at = Instant.parse("2026-11-22T10:15:30.123456Z");
        String id = "01JQ0000000000000000000001";
        db.database()
                .dsl()
                .insertInto(WORK_ITEMS)
                .set(WORK_ITEMS.ID, id)
                .set(WORK_ITEMS.PROJECT_KEY, "BF")
                .set(WORK_ITEMS.NUMBER, 4L)
                .set(WORK_ITEMS.TITLE, "Held in review")
                .set(WORK_ITEMS.DESCRIPTION, "")
                .set(WORK_ITEMS.WORK_TYPE, "feature")
                .set(WORK_ITEMS.LANE, "review")
                // what V5 stored beside the lane, here drifted: the columns go, the lane and block tell the truth
                .set(DSL.field(DSL.name("status"), String.class), "in-progress")
                .set(DSL.field(DSL.name("state"), String.class), "open")
                .set(WORK_ITEMS.SOURCE, "manual")
                .set(WORK_ITEMS.DONE_CRITERIA, JSONB.valueOf("[]"))
                .set(WORK_ITEMS.BLOCKED_REASON, "waiting on legal")
                .set(WORK_ITEMS.CREATED_AT, at)
                .set(WORK_ITEMS.UPDATED_AT, at)
                .set(WORK_ITEMS.VERSION, 3L)
                .execute();

        migrations.migrate(Optional.empty());

        WorkItem item = new JooqWorkItemRepository(db.database())
                .findById(WorkItemId.parse(id))
                .orElseThrow();
        assertEquals(Lane.REVIEW, item.lane());
        assertEquals(Optional.of("waiting on legal"), item.blockedReason());
        assertEquals("blocked", item.status());
        assertEquals("blocked", item.state());
        assertEquals(new WorkItemKey(new ProjectKey("BF"), 4), item.key());
        assertEquals(at, item.updatedAt());
        assertEquals(3, item.version());
    }

    @Test
    void a_database_populated_at_v8_gets_a_project_for_every_key_in_use_and_keeps_every_row() {
        Migrations migrations = Migrations.of(db.database());
        migrations.migrate(Optional.of("8"));
        Fixtures fixtures = new Fixtures();
        JooqWorkItemRepository items = new JooqWorkItemRepository(db.database());
        ProjectKey bf = new ProjectKey("BF");
        WorkItem item = WorkItem.create(
                new WorkItemId(fixtures.id()),
                new WorkItemKey(bf, items.nextNumber(bf, Fixtures.NOW)),
                "Filed before projects existed",
                "",
                WorkType.FEATURE,
                "manual",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of(),
                Fixtures.NOW);
        items.insert(item);
        new JooqProjectPolicies(db.database())
                .savePolicy(new PolicyProfile(new ProjectKey("OPS"), Map.of(), 0), Fixtures.NOW);
        User owner = fixtures.user();
        new JooqUserRepository(db.database()).insert(owner);
        Conversation talk = Conversation.start(
                new ConversationId(fixtures.id()),
                owner.id(),
                "About XY",
                Optional.of(new ProjectKey("XY")),
                Optional.of(item.id()),
                Fixtures.NOW);
        new JooqConversationRepository(db.database()).insert(talk);

        migrations.migrate(Optional.empty());

        JooqProjectRepository projects = new JooqProjectRepository(db.database());
        List<Project> all = projects.list(PageRequest.first(10)).items();
        assertEquals(
                List.of("BF", "OPS", "XY"),
                all.stream().map(p -> p.key().value()).toList());
        for (Project p : all) {
            assertEquals(p.key().value(), p.name(), "named after its key until someone names it");
            assertEquals(0, p.actionSequence());
            assertEquals(Optional.of(p), projects.findById(p.id()), "a valid, unique ULID");
        }
        assertEquals(3, all.stream().map(Project::id).distinct().count());
        assertEquals(Optional.of(item), items.findById(item.id()));
        assertEquals(2, items.nextNumber(bf, Fixtures.NOW), "numbering carries on");
        assertTrue(new JooqProjectPolicies(db.database())
                .policy(new ProjectKey("OPS"))
                .isPresent());
        assertEquals(
                Optional.of(talk.projectKey()),
                new JooqConversationRepository(db.database())
                        .findById(talk.id())
                        .map(Conversation::projectKey));
        assertThrows(
                DataAccessException.class,
                () -> items.insert(WorkItem.create(
                        new WorkItemId(fixtures.id()),
                        new WorkItemKey(new ProjectKey("NOPE"), 1),
                        "Nowhere",
                        "",
                        WorkType.CHORE,
                        "manual",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        List.of(),
                        Fixtures.NOW)),
                "the database now refuses a work item in no project");
    }
}
