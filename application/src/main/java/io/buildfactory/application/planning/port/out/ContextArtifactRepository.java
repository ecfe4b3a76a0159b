package io.buildfactory.application.planning.port.out;

import io.buildfactory.domain.planning.ArtifactId;
import io.buildfactory.domain.planning.ArtifactLink;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.ContextArtifact;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Optional;

/** A project's context artifacts and the cards they are linked to. */
public interface ContextArtifactRepository {

    void insert(ContextArtifact artifact);

    ContextArtifact update(ContextArtifact artifact);

    /** Deletes the artifact and its links. */
    void delete(ArtifactId artifact);

    Optional<ContextArtifact> find(ArtifactId artifact);

    /** The project's artifacts by id (creation order); the cursor is an id. */
    Page<ContextArtifact> list(ProjectId project, PageRequest page);

    /** Links a card and an artifact; a pair already linked is a conflict. */
    void link(ArtifactLink link);

    /** @return whether the pair was linked */
    boolean unlink(CardId card, ArtifactId artifact);
}
