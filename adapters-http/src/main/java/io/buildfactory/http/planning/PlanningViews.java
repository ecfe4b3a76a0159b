package io.buildfactory.http.planning;

import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ArtifactLink;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.ContextArtifact;
import io.buildfactory.domain.planning.KnowledgeItem;
import io.buildfactory.domain.planning.Planned;
import io.buildfactory.domain.planning.PlannedFile;
import io.buildfactory.domain.planning.PlanningAction;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.planning.QuestionStatus;
import io.buildfactory.domain.planning.Workflow;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the planning model; a planning action's result is rendered by the same views. */
public final class PlanningViews {

    private PlanningViews() {}

    public record WorkflowView(
            String id,
            String projectId,
            String name,
            String description,
            String rank,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    public record WorkflowWithActivitiesView(WorkflowView workflow, List<ActivityView> activities) {}

    public record ActivityView(
            String id,
            String workflowId,
            String projectId,
            String name,
            String color,
            String rank,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    public record CardView(
            String id,
            String activityId,
            String projectId,
            String title,
            String description,
            String status,
            String priority,
            String buildState,
            String rank,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    public record KnowledgeView(
            String id,
            String cardId,
            String kind,
            String text,
            String source,
            Integer confidence,
            String answer,
            String status,
            String rank,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    public record PlannedFileView(
            String id,
            String cardId,
            String logicalPath,
            String moduleHint,
            String artifactKind,
            String action,
            String intentSummary,
            String contractNotes,
            String status,
            String rank,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    public record ArtifactView(
            String id,
            String projectId,
            String type,
            String title,
            String content,
            String uri,
            String integrationRef,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    public record LinkView(String cardId, String artifactId, Instant since) {}

    public record PolicyProfileView(
            String projectId,
            List<String> requiredChecks,
            List<String> allowedPaths,
            List<String> forbiddenPaths,
            long signalsStaleAfterSeconds,
            Instant updatedAt,
            long version) {}

    public record DeletedView(String object, String id) {}

    public record CardPageView(
            CardView card,
            List<KnowledgeView> knowledge,
            List<PlannedFileView> plannedFiles,
            List<ArtifactView> artifacts) {}

    public record ActionView(
            long sequence, String type, String actorId, String idempotencyKey, Instant at, Object result) {}

    public static Object view(Planned planned) {
        return switch (planned) {
            case Workflow w -> view(w);
            case Activity a -> view(a);
            case Card c -> view(c);
            case KnowledgeItem k -> view(k);
            case PlannedFile f -> view(f);
            case ContextArtifact a -> view(a);
            case ArtifactLink l ->
                new LinkView(l.card().toString(), l.artifact().toString(), l.since());
            case PolicyProfile p -> view(p);
            case Planned.Deleted d -> new DeletedView(d.object(), d.reference());
        };
    }

    public static WorkflowView view(Workflow w) {
        return new WorkflowView(
                w.id().toString(),
                w.project().toString(),
                w.name(),
                w.description(),
                w.rank().value(),
                w.createdAt(),
                w.updatedAt(),
                w.version());
    }

    public static ActivityView view(Activity a) {
        return new ActivityView(
                a.id().toString(),
                a.workflow().toString(),
                a.project().toString(),
                a.name(),
                a.color(),
                a.rank().value(),
                a.createdAt(),
                a.updatedAt(),
                a.version());
    }

    public static CardView view(Card c) {
        return new CardView(
                c.id().toString(),
                c.activity().toString(),
                c.project().toString(),
                c.title(),
                c.description(),
                c.status().code(),
                c.priority().code(),
                c.buildState().code(),
                c.rank().value(),
                c.createdAt(),
                c.updatedAt(),
                c.version());
    }

    public static KnowledgeView view(KnowledgeItem k) {
        return new KnowledgeView(
                k.id().toString(),
                k.card().toString(),
                k.kind().code(),
                k.text(),
                k.source().orElse(null),
                k.confidence().orElse(null),
                k.answer().orElse(null),
                k.questionStatus().map(QuestionStatus::code).orElse(null),
                k.rank().value(),
                k.createdAt(),
                k.updatedAt(),
                k.version());
    }

    public static PlannedFileView view(PlannedFile f) {
        return new PlannedFileView(
                f.id().toString(),
                f.card().toString(),
                f.logicalPath(),
                f.moduleHint().orElse(null),
                f.artifactKind().code(),
                f.action().code(),
                f.intentSummary(),
                f.contractNotes().orElse(null),
                f.status().code(),
                f.rank().value(),
                f.createdAt(),
                f.updatedAt(),
                f.version());
    }

    public static ArtifactView view(ContextArtifact a) {
        return new ArtifactView(
                a.id().toString(),
                a.project().toString(),
                a.type().code(),
                a.title(),
                a.content().orElse(null),
                a.uri().orElse(null),
                a.integrationRef().orElse(null),
                a.createdAt(),
                a.updatedAt(),
                a.version());
    }

    public static PolicyProfileView view(PolicyProfile p) {
        return new PolicyProfileView(
                p.project().toString(),
                p.requiredChecks(),
                p.allowedPaths(),
                p.forbiddenPaths(),
                p.signalsStaleAfter().toSeconds(),
                p.updatedAt().orElse(null),
                p.version());
    }

    public static CardPageView view(CardPage page) {
        return new CardPageView(
                view(page.card()),
                page.knowledge().stream().map(PlanningViews::view).toList(),
                page.plannedFiles().stream().map(PlanningViews::view).toList(),
                page.artifacts().stream().map(PlanningViews::view).toList());
    }

    public static ActionView view(PlanningAction a) {
        return new ActionView(
                a.sequence(),
                a.command().type(),
                a.actor().toString(),
                a.idempotencyKey().orElse(null),
                a.at(),
                view(a.result()));
    }
}
