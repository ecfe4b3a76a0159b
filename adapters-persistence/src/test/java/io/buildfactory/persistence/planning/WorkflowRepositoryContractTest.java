package io.buildfactory.persistence.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkflowRepositoryContractTest extends OnBothEngines {

    JooqWorkflowRepository workflows;
    JooqCardRepository cards;
    Project bf;
    Project ops;

    @BeforeEach
    void repositories() {
        workflows = new JooqWorkflowRepository(db.database());
        cards = new JooqCardRepository(db.database());
        JooqProjectRepository projects = new JooqProjectRepository(db.database());
        bf = fixtures.project("BF");
        ops = fixtures.project("OPS");
        projects.insert(bf);
        projects.insert(ops);
    }

    @Test
    void workflows_read_back_equal_and_list_in_rank_order_page_by_page() {
        List<String> ranks = List.of("V", "1", "z", "Va", "a", "A", "0V");
        for (String rank : ranks) {
            workflows.insert(fixtures.workflow(bf.id(), rank));
        }
        Workflow unicode =
                fixtures.workflow(bf.id(), "k").edit("Läuft 🚀", "zwei\nZeilen", Fixtures.NOW.plusNanos(1000));
        workflows.insert(unicode);
        workflows.insert(fixtures.workflow(ops.id(), "V"));
        assertEquals(Optional.of(unicode), workflows.find(unicode.id()));

        List<String> seen = new ArrayList<>();
        PageRequest page = PageRequest.first(3);
        while (true) {
            var p = workflows.list(bf.id(), page);
            p.items().forEach(w -> seen.add(w.rank().value()));
            if (p.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(p.nextCursor().get());
        }
        // byte order: digits, then upper case, then lower case, a prefix before its extensions
        assertEquals(List.of("0V", "1", "A", "V", "Va", "a", "k", "z"), seen);
    }

    @Test
    void an_update_applies_from_the_version_read_and_a_move_writes_the_rank_alone() {
        Workflow w = fixtures.workflow(bf.id(), "V");
        workflows.insert(w);
        Workflow renamed = workflows.update(w.edit("Delivery", "how we ship", Fixtures.NOW));
        assertEquals(2, renamed.version());
        assertThrows(ConflictException.class, () -> workflows.update(w), "version 1 is stale");
        Workflow moved = renamed.movedTo(new Rank("k"), Fixtures.NOW.plusSeconds(1));
        workflows.move(moved);
        assertEquals(Optional.of(moved), workflows.find(w.id()));
    }

    @Test
    void deleting_a_workflow_deletes_its_activities_and_their_cards() {
        Workflow w = fixtures.workflow(bf.id(), "V");
        workflows.insert(w);
        Activity a = fixtures.activity(w, "V");
        workflows.insert(a);
        Card c = fixtures.card(a, "V");
        cards.insert(c);
        workflows.delete(w.id());
        assertEquals(Optional.empty(), workflows.find(a.id()));
        assertEquals(Optional.empty(), cards.find(c.id()));
    }

    @Test
    void the_database_refuses_tied_ranks_and_an_activity_in_another_project_than_its_workflow() throws SQLException {
        Workflow w = fixtures.workflow(bf.id(), "V");
        workflows.insert(w);
        assertThrows(RuntimeException.class, () -> workflows.insert(fixtures.workflow(bf.id(), "V")), "a tie");
        workflows.insert(fixtures.workflow(ops.id(), "V")); // another parent, the same rank: fine
        try (Connection c = db.rawConnection();
                var s = c.createStatement()) {
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("INSERT INTO workflow_activities (id, workflow_id, project_id, name, color,"
                            + " rank, created_at, updated_at, version) VALUES ('01JQ0000000000000000000A01', '"
                            + w.id() + "', '" + ops.id() + "', 'x', '#000000', 'V', '" + Fixtures.NOW + "', '"
                            + Fixtures.NOW + "', 1)"),
                    "an activity's project is its workflow's");
            assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("UPDATE workflows SET rank = 'V0' WHERE id = '" + w.id() + "'"),
                    "a rank never ends in 0");
        }
    }
}
