package io.buildfactory.application.workitems.port.out;

import io.buildfactory.domain.orchestration.Delivery;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.projects.ProjectKey;
import java.time.Duration;

/** What orchestration observed of a card's delivery: the signals a linked work item's queue truth is made of. */
public interface DeliverySignals {

    /** The card's latest run with its checks, the card's candidate in it and that candidate's latest approval. */
    Delivery of(CardId card);

    /** How old a project's oldest signal may be before queue truth is stale: its profile's, or the default. */
    Duration staleAfter(ProjectKey project);
}
