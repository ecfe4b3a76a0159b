package io.buildfactory.domain.planning;

import java.time.Instant;
import java.util.Objects;

/** A card drawing on one of its project's context artifacts; a pair is linked at most once. */
public record ArtifactLink(CardId card, ArtifactId artifact, Instant since) implements Planned {

    public ArtifactLink {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(since, "since");
    }

    @Override
    public String reference() {
        return card + "/" + artifact;
    }
}
