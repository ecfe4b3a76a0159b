package io.buildfactory.domain.planning;

import io.buildfactory.domain.projects.ProjectKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A planning change as asked, before it is applied: the payload of a planning action. Two requests with the same
 * idempotency key are the same action only when their commands are equal (records compare by value). Edits say
 * what changes ({@code Optional.empty()} keeps the current value) and the version they read; a move names the
 * sibling to land after (none: first).
 */
public sealed interface PlanningCommand {

    /** The action type as logged, like {@code card.move}. */
    String type();

    /** Whether the action makes a new object, changes one, or removes one: how its answer is shaped. */
    Effect effect();

    enum Effect {
        CREATE,
        CHANGE,
        DELETE
    }

    record CreateWorkflow(ProjectKey project, String name, String description) implements PlanningCommand {
        public String type() {
            return "workflow.create";
        }

        public Effect effect() {
            return Effect.CREATE;
        }
    }

    record EditWorkflow(WorkflowId workflow, long version, Optional<String> name, Optional<String> description)
            implements PlanningCommand {
        public String type() {
            return "workflow.update";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    record MoveWorkflow(WorkflowId workflow, Optional<WorkflowId> after) implements PlanningCommand {
        public String type() {
            return "workflow.move";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    record DeleteWorkflow(WorkflowId workflow, long version) implements PlanningCommand {
        public String type() {
            return "workflow.delete";
        }

        public Effect effect() {
            return Effect.DELETE;
        }
    }

    record CreateActivity(WorkflowId workflow, String name, Optional<String> color) implements PlanningCommand {
        public String type() {
            return "activity.create";
        }

        public Effect effect() {
            return Effect.CREATE;
        }
    }

    record EditActivity(ActivityId activity, long version, Optional<String> name, Optional<String> color)
            implements PlanningCommand {
        public String type() {
            return "activity.update";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    record MoveActivity(ActivityId activity, Optional<ActivityId> after) implements PlanningCommand {
        public String type() {
            return "activity.move";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    record DeleteActivity(ActivityId activity, long version) implements PlanningCommand {
        public String type() {
            return "activity.delete";
        }

        public Effect effect() {
            return Effect.DELETE;
        }
    }

    record CreateCard(
            ActivityId activity,
            String title,
            String description,
            Optional<CardStatus> status,
            Optional<CardPriority> priority,
            Optional<BuildState> buildState)
            implements PlanningCommand {
        public String type() {
            return "card.create";
        }

        public Effect effect() {
            return Effect.CREATE;
        }
    }

    record EditCard(
            CardId card,
            long version,
            Optional<String> title,
            Optional<String> description,
            Optional<CardStatus> status,
            Optional<CardPriority> priority,
            Optional<BuildState> buildState)
            implements PlanningCommand {
        public String type() {
            return "card.update";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    /** A card moved among its siblings, or into another activity of the project ({@code into}). */
    record MoveCard(CardId card, Optional<ActivityId> into, Optional<CardId> after) implements PlanningCommand {
        public String type() {
            return "card.move";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    record DeleteCard(CardId card, long version) implements PlanningCommand {
        public String type() {
            return "card.delete";
        }

        public Effect effect() {
            return Effect.DELETE;
        }
    }

    record CreateKnowledge(
            CardId card,
            KnowledgeKind kind,
            String text,
            Optional<String> source,
            Optional<Integer> confidence,
            Optional<String> answer,
            Optional<QuestionStatus> status)
            implements PlanningCommand {
        public String type() {
            return "knowledge.create";
        }

        public Effect effect() {
            return Effect.CREATE;
        }
    }

    /** An edit of a knowledge item; an empty text in {@code source}, {@code answer} clears it. */
    record EditKnowledge(
            KnowledgeItemId item,
            long version,
            Optional<String> text,
            Optional<String> source,
            Optional<Integer> confidence,
            Optional<String> answer,
            Optional<QuestionStatus> status)
            implements PlanningCommand {
        public String type() {
            return "knowledge.update";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    record MoveKnowledge(KnowledgeItemId item, Optional<KnowledgeItemId> after) implements PlanningCommand {
        public String type() {
            return "knowledge.move";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    record DeleteKnowledge(KnowledgeItemId item, long version) implements PlanningCommand {
        public String type() {
            return "knowledge.delete";
        }

        public Effect effect() {
            return Effect.DELETE;
        }
    }

    record CreatePlannedFile(
            CardId card,
            String logicalPath,
            Optional<String> moduleHint,
            ArtifactKind artifactKind,
            FileAction action,
            String intentSummary,
            Optional<String> contractNotes,
            Optional<PlannedFileStatus> status)
            implements PlanningCommand {
        public String type() {
            return "planned-file.create";
        }

        public Effect effect() {
            return Effect.CREATE;
        }
    }

    /** An edit of a planned file; an empty text in {@code moduleHint} or {@code contractNotes} clears it. */
    record EditPlannedFile(
            PlannedFileId file,
            long version,
            Optional<String> logicalPath,
            Optional<String> moduleHint,
            Optional<ArtifactKind> artifactKind,
            Optional<FileAction> action,
            Optional<String> intentSummary,
            Optional<String> contractNotes,
            Optional<PlannedFileStatus> status)
            implements PlanningCommand {
        public String type() {
            return "planned-file.update";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    record MovePlannedFile(PlannedFileId file, Optional<PlannedFileId> after) implements PlanningCommand {
        public String type() {
            return "planned-file.move";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    record DeletePlannedFile(PlannedFileId file, long version) implements PlanningCommand {
        public String type() {
            return "planned-file.delete";
        }

        public Effect effect() {
            return Effect.DELETE;
        }
    }

    record CreateArtifact(
            ProjectKey project,
            ArtifactType artifactType,
            String title,
            Optional<String> content,
            Optional<String> uri,
            Optional<String> integrationRef)
            implements PlanningCommand {
        public String type() {
            return "artifact.create";
        }

        public Effect effect() {
            return Effect.CREATE;
        }
    }

    /** An edit of an artifact; an empty text in {@code content}, {@code uri} or {@code integrationRef} clears it. */
    record EditArtifact(
            ArtifactId artifact,
            long version,
            Optional<ArtifactType> artifactType,
            Optional<String> title,
            Optional<String> content,
            Optional<String> uri,
            Optional<String> integrationRef)
            implements PlanningCommand {
        public String type() {
            return "artifact.update";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }

    record DeleteArtifact(ArtifactId artifact, long version) implements PlanningCommand {
        public String type() {
            return "artifact.delete";
        }

        public Effect effect() {
            return Effect.DELETE;
        }
    }

    record LinkArtifact(CardId card, ArtifactId artifact) implements PlanningCommand {
        public String type() {
            return "card-artifact.link";
        }

        public Effect effect() {
            return Effect.CREATE;
        }
    }

    record UnlinkArtifact(CardId card, ArtifactId artifact) implements PlanningCommand {
        public String type() {
            return "card-artifact.unlink";
        }

        public Effect effect() {
            return Effect.DELETE;
        }
    }

    /**
     * The profile replaced whole; {@code version} is the one read (0 when the project has none yet). Without a
     * staleness threshold the default applies.
     */
    record SetPolicyProfile(
            ProjectKey project,
            long version,
            List<String> requiredChecks,
            List<String> allowedPaths,
            List<String> forbiddenPaths,
            Optional<Duration> signalsStaleAfter)
            implements PlanningCommand {
        public SetPolicyProfile {
            requiredChecks = List.copyOf(requiredChecks);
            allowedPaths = List.copyOf(allowedPaths);
            forbiddenPaths = List.copyOf(forbiddenPaths);
            // absent from commands logged before the threshold existed
            signalsStaleAfter = signalsStaleAfter == null ? Optional.empty() : signalsStaleAfter;
        }

        public String type() {
            return "policy-profile.set";
        }

        public Effect effect() {
            return Effect.CHANGE;
        }
    }
}
