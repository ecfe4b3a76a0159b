package io.buildfactory.persistence.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.planning.port.out.RankedSiblings;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RankedSiblingsContractTest extends OnBothEngines {

    JooqWorkflowRepository workflows;
    Workflow workflow;
    Workflow other;

    @BeforeEach
    void repository() {
        workflows = new JooqWorkflowRepository(db.database());
        Project bf = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(bf);
        workflow = fixtures.workflow(bf.id(), "V");
        other = fixtures.workflow(bf.id(), "k");
        workflows.insert(workflow);
        workflows.insert(other);
    }

    @Test
    void an_empty_parent_has_no_ranks_and_respacing_it_does_nothing() {
        RankedSiblings<WorkflowId> ranks = workflows.activityRanks();
        assertEquals(Optional.empty(), ranks.first(workflow.id()));
        assertEquals(Optional.empty(), ranks.last(workflow.id()));
        assertEquals(Optional.empty(), ranks.after(workflow.id(), new Rank("V")));
        ranks.respace(workflow.id());
    }

    @Test
    void ranks_find_first_last_and_next_under_their_parent_only_and_respacing_keeps_the_order_short() {
        List<Activity> inserted = new ArrayList<>();
        Rank upper = new Rank("k");
        for (int i = 0; i < 40; i++) { // forty moves into the same gap, each just above V
            upper = Rank.between(Optional.of(new Rank("V")), Optional.of(upper));
            Activity a = fixtures.activity(workflow, upper.value());
            workflows.insert(a);
            inserted.addFirst(a);
        }
        workflows.insert(fixtures.activity(other, "0V")); // another parent's ranks are not these
        RankedSiblings<WorkflowId> ranks = workflows.activityRanks();
        assertEquals(Optional.of(inserted.getFirst().rank()), ranks.first(workflow.id()));
        assertEquals(Optional.of(inserted.getLast().rank()), ranks.last(workflow.id()));
        assertEquals(
                Optional.of(inserted.get(1).rank()),
                ranks.after(workflow.id(), inserted.getFirst().rank()));
        assertEquals(
                Optional.empty(), ranks.after(workflow.id(), inserted.getLast().rank()));
        assertTrue(inserted.getFirst().rank().value().length() > 6, "many moves into one gap make long ranks");

        ranks.respace(workflow.id());
        List<Activity> respaced = workflows.activities(workflow.id());
        assertEquals(
                inserted.stream().map(Activity::id).toList(),
                respaced.stream().map(Activity::id).toList(),
                "the order is kept");
        assertTrue(respaced.stream().allMatch(a -> a.rank().value().length() <= 2), respaced.toString());
        assertEquals(
                List.of("0V"),
                workflows.activities(other.id()).stream()
                        .map(a -> a.rank().value())
                        .toList(),
                "another parent's children are untouched");
    }
}
