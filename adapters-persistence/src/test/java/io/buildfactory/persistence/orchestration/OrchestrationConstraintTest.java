package io.buildfactory.persistence.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.persistence.planning.JooqCardRepository;
import io.buildfactory.persistence.planning.JooqWorkflowRepository;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the orchestration tables refuse on their own, on both databases, whatever the code above them does. */
class OrchestrationConstraintTest extends OnBothEngines {

    static final String T = "'" + Fixtures.NOW + "'";

    Project bf;
    Workflow workflow;
    Card card;
    JooqWorkflowRepository workflows;
    JooqCardRepository cards;

    @BeforeEach
    void plan() {
        workflows = new JooqWorkflowRepository(db.database());
        cards = new JooqCardRepository(db.database());
        bf = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(bf);
        workflow = fixtures.workflow(bf.id(), "V");
        workflows.insert(workflow);
        Activity activity = fixtures.activity(workflow, "V");
        workflows.insert(activity);
        card = fixtures.card(activity, "V");
        cards.insert(card);
    }

    private String run(String id, String scope, String workflowId, String cardId) {
        return "INSERT INTO orchestration_runs (id, project_id, scope, workflow_id, card_id, status, started_by,"
                + " input_snapshot, profile_version, created_at, version) VALUES ('" + id + "', '" + bf.id() + "', '"
                + scope + "', " + workflowId + ", " + cardId + ", 'queued', '01JQ0000000000000000000U01', '{}', 0, "
                + T + ", 1)";
    }

    @Test
    void a_run_names_exactly_the_target_its_scope_says() throws SQLException {
        String w = "'" + workflow.id() + "'";
        String c = "'" + card.id() + "'";
        try (Connection connection = db.rawConnection();
                Statement s = connection.createStatement()) {
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate(run("01JQ0000000000000000000R01", "workflow", "NULL", "NULL")));
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate(run("01JQ0000000000000000000R02", "card", "NULL", "NULL")));
            assertThrows(SQLException.class, () -> s.executeUpdate(run("01JQ0000000000000000000R03", "card", w, c)));
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate(run("01JQ0000000000000000000R04", "workflow", "NULL", c)));
            assertThrows(
                    SQLException.class, () -> s.executeUpdate(run("01JQ0000000000000000000R05", "sprint", w, "NULL")));
            assertEquals(1, s.executeUpdate(run("01JQ0000000000000000000R06", "workflow", w, "NULL")));
            assertEquals(1, s.executeUpdate(run("01JQ0000000000000000000R07", "card", "NULL", c)));
        }
    }

    @Test
    void built_plans_are_not_deleted_and_each_step_holds_its_own_rules() throws SQLException {
        try (Connection connection = db.rawConnection();
                Statement s = connection.createStatement()) {
            s.executeUpdate(run("01JQ0000000000000000000R08", "card", "NULL", "'" + card.id() + "'"));
            s.executeUpdate("INSERT INTO card_assignments (id, run_id, card_id, feature_branch, allowed_paths, status,"
                    + " created_at, updated_at, version) VALUES ('01JQ0000000000000000000A01',"
                    + " '01JQ0000000000000000000R08', '" + card.id() + "', 'bf/c', '[]', 'queued', " + T + ", " + T
                    + ", 1)");
            String execution = "INSERT INTO agent_executions (id, assignment_id, agent_id, status, started_at,"
                    + " heartbeat_at, deadline_at, input_tokens, output_tokens, cost_micros, version) VALUES ('%s',"
                    + " '01JQ0000000000000000000A01', '01JQ0000000000000000000U02', 'running', " + T + ", " + T + ", "
                    + T + ", 0, 0, 0, 1)";
            s.executeUpdate(execution.formatted("01JQ0000000000000000000E01"));
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate(execution.formatted("01JQ0000000000000000000E02")),
                    "one running execution per assignment");
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("INSERT INTO agent_commits (id, execution_id, sha, message, author, files,"
                            + " offending_paths, committed_at) VALUES ('01JQ0000000000000000000C01',"
                            + " '01JQ0000000000000000000E01', 'abc', 'm', 'a', '[]', '[]', " + T + ")"),
                    "a sha is 40 or 64 hex digits");
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("INSERT INTO pull_request_candidates (id, assignment_id, branch, title,"
                            + " body, state, created_at, updated_at, version) VALUES ('01JQ0000000000000000000P01',"
                            + " '01JQ0000000000000000000A01', 'bf/c', 't', '', 'opened', " + T + ", " + T + ", 1)"),
                    "an opened candidate has its URL");
            s.executeUpdate("INSERT INTO pull_request_candidates (id, assignment_id, branch, title, body, state,"
                    + " created_at, updated_at, version) VALUES ('01JQ0000000000000000000P02',"
                    + " '01JQ0000000000000000000A01', 'bf/c', 't', '', 'draft', " + T + ", " + T + ", 1)");
            String approval = "INSERT INTO approval_requests (id, candidate_id, requested_by, state, requested_at,"
                    + " expires_at, version) VALUES ('%s', '01JQ0000000000000000000P02',"
                    + " '01JQ0000000000000000000U02', 'requested', " + T + ", " + T + ", 1)";
            s.executeUpdate(approval.formatted("01JQ0000000000000000000Q01"));
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate(approval.formatted("01JQ0000000000000000000Q02")),
                    "one open approval request per candidate");
        }
        assertEquals(
                "built",
                assertThrows(RuleViolationException.class, () -> cards.delete(card.id()))
                        .rule(),
                "a card with a run is kept for its lineage");
        assertEquals(
                "built",
                assertThrows(RuleViolationException.class, () -> workflows.delete(workflow.id()))
                        .rule());
    }
}
