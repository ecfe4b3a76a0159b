package io.buildfactory.application.workitems.port.out;

import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.workitems.WorkItemId;
import java.util.Optional;

/** The card a work item came from ({@code work_items.card_id}), kept apart from the item's own fields. */
public interface WorkItemCardLinks {

    Optional<CardId> cardOf(WorkItemId item);

    void link(WorkItemId item, Optional<CardId> card);

    /** The project the card belongs to, its row locked until the transaction ends; empty when there is none. */
    Optional<ProjectKey> projectOfCard(CardId card);
}
