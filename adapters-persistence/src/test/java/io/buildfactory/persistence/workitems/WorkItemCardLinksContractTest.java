package io.buildfactory.persistence.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import io.buildfactory.domain.workitems.WorkType;
import io.buildfactory.persistence.planning.JooqCardRepository;
import io.buildfactory.persistence.planning.JooqWorkflowRepository;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkItemCardLinksContractTest extends OnBothEngines {

    JooqWorkItemCardLinks links;
    JooqWorkItemRepository items;
    JooqCardRepository cards;
    Card card;
    WorkItem item;

    @BeforeEach
    void repositories() {
        links = new JooqWorkItemCardLinks(db.database());
        items = new JooqWorkItemRepository(db.database());
        cards = new JooqCardRepository(db.database());
        JooqWorkflowRepository workflows = new JooqWorkflowRepository(db.database());
        Project bf = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(bf);
        Workflow w = fixtures.workflow(bf.id(), "V");
        workflows.insert(w);
        Activity a = fixtures.activity(w, "V");
        workflows.insert(a);
        card = fixtures.card(a, "V");
        cards.insert(card);
        item = WorkItem.create(
                new WorkItemId(fixtures.id()),
                new WorkItemKey(bf.key(), 1),
                "from the card",
                "",
                WorkType.FEATURE,
                "planning",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of(),
                Fixtures.NOW);
        items.insert(item);
    }

    @Test
    void a_link_survives_edits_of_the_item_and_goes_when_the_card_is_deleted() {
        assertEquals(Optional.empty(), links.cardOf(item.id()));
        links.link(item.id(), Optional.of(card.id()));
        assertEquals(Optional.of(card.id()), links.cardOf(item.id()));
        WorkItem edited = items.update(item.edit(
                "renamed",
                "",
                WorkType.FEATURE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of(),
                Fixtures.NOW));
        assertEquals("renamed", edited.title());
        assertEquals(Optional.of(card.id()), links.cardOf(item.id()), "an edit of the item keeps its link");
        cards.delete(card.id());
        assertEquals(Optional.empty(), links.cardOf(item.id()), "the card's deletion unlinks the item");
        assertEquals(Optional.of(edited), items.findById(item.id()), "and keeps the item");
    }

    @Test
    void a_card_names_its_project_and_an_unknown_card_none() {
        assertEquals(Optional.of(new ProjectKey("BF")), links.projectOfCard(card.id()));
        assertEquals(Optional.empty(), links.projectOfCard(new CardId(fixtures.id())));
        links.link(item.id(), Optional.of(card.id()));
        links.link(item.id(), Optional.empty());
        assertEquals(Optional.empty(), links.cardOf(item.id()));
    }
}
