package io.buildfactory.domain.planning;

import java.util.List;
import java.util.Objects;

/** A card with everything it holds, as its page shows it: knowledge by kind then order, files, linked artifacts. */
public record CardPage(
        Card card, List<KnowledgeItem> knowledge, List<PlannedFile> plannedFiles, List<ContextArtifact> artifacts) {

    public CardPage {
        Objects.requireNonNull(card, "card");
        knowledge = List.copyOf(knowledge);
        plannedFiles = List.copyOf(plannedFiles);
        artifacts = List.copyOf(artifacts);
    }
}
