package io.buildfactory.application.workitems.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.workitems.WorkItemRef;
import java.util.Optional;

/** Which card of its project a work item came from: read by whoever reads the item, set by whoever edits it. */
public interface LinkCardUseCase {

    Optional<CardId> cardOf(Actor actor, WorkItemRef item);

    /** Links the item to a card of its own project, or unlinks it ({@code Optional.empty()}). */
    Optional<CardId> link(Actor actor, WorkItemRef item, Optional<CardId> card);
}
