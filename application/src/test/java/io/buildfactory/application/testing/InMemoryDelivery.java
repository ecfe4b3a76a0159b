package io.buildfactory.application.testing;

import io.buildfactory.application.workitems.port.out.DeliverySignals;
import io.buildfactory.application.workitems.port.out.WorkItemCardLinks;
import io.buildfactory.domain.orchestration.Delivery;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.workitems.WorkItemId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Work items' cards and what orchestration observed of them, in memory: a card has no run until a test says what
 * its latest run is ({@link #observe}).
 */
public final class InMemoryDelivery implements WorkItemCardLinks, DeliverySignals, Transactional {

    private Map<WorkItemId, CardId> links = new HashMap<>();
    private final Map<CardId, ProjectKey> cards = new HashMap<>();
    private final Map<CardId, Delivery.Progress> latest = new HashMap<>();
    private final Map<ProjectKey, Duration> staleAfter = new HashMap<>();

    /** A card of {@code project} that work items may link to. */
    public synchronized CardId card(CardId card, ProjectKey project) {
        cards.put(card, project);
        return card;
    }

    public synchronized void observe(CardId card, Delivery.Progress progress) {
        latest.put(card, progress);
    }

    public synchronized void staleAfter(ProjectKey project, Duration threshold) {
        staleAfter.put(project, threshold);
    }

    @Override
    public synchronized Optional<CardId> cardOf(WorkItemId item) {
        return Optional.ofNullable(links.get(item));
    }

    @Override
    public synchronized void link(WorkItemId item, Optional<CardId> card) {
        card.ifPresentOrElse(c -> links.put(item, c), () -> links.remove(item));
    }

    @Override
    public synchronized Optional<ProjectKey> projectOfCard(CardId card) {
        return Optional.ofNullable(cards.get(card));
    }

    @Override
    public synchronized Delivery of(CardId card) {
        return new Delivery(card, Optional.ofNullable(latest.get(card)));
    }

    @Override
    public synchronized Duration staleAfter(ProjectKey project) {
        return staleAfter.getOrDefault(project, PolicyProfile.DEFAULT_SIGNALS_STALE_AFTER);
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(new HashMap<>(links));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        links = new HashMap<>((Map<WorkItemId, CardId>) ((List<?>) snapshot).getFirst());
    }
}
