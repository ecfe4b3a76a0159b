package io.buildfactory.domain.planning;

/**
 * What a planning action leaves behind, as its result: the object it created or changed, or the note that it
 * deleted one. A replayed action answers with the very same value.
 */
public sealed interface Planned
        permits Workflow,
                Activity,
                Card,
                KnowledgeItem,
                PlannedFile,
                ContextArtifact,
                ArtifactLink,
                PolicyProfile,
                Planned.Deleted {

    /** The object's id as text (a card and artifact pair for a link, the project for a profile). */
    String reference();

    /** A deletion (or an unlink): what kind of object, and which. */
    record Deleted(String object, String reference) implements Planned {}
}
