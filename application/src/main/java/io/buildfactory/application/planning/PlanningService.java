package io.buildfactory.application.planning;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.planning.port.in.PlanUseCase;
import io.buildfactory.application.planning.port.in.ViewPlanUseCase;
import io.buildfactory.application.planning.port.out.CardRepository;
import io.buildfactory.application.planning.port.out.ContextArtifactRepository;
import io.buildfactory.application.planning.port.out.PlanningLog;
import io.buildfactory.application.planning.port.out.PolicyProfileRepository;
import io.buildfactory.application.planning.port.out.RankedSiblings;
import io.buildfactory.application.planning.port.out.WorkflowRepository;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ActivityId;
import io.buildfactory.domain.planning.ArtifactId;
import io.buildfactory.domain.planning.ArtifactLink;
import io.buildfactory.domain.planning.BuildState;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.CardPriority;
import io.buildfactory.domain.planning.CardStatus;
import io.buildfactory.domain.planning.ContextArtifact;
import io.buildfactory.domain.planning.KnowledgeItem;
import io.buildfactory.domain.planning.KnowledgeItemId;
import io.buildfactory.domain.planning.Planned;
import io.buildfactory.domain.planning.PlannedFile;
import io.buildfactory.domain.planning.PlannedFileId;
import io.buildfactory.domain.planning.PlannedFileStatus;
import io.buildfactory.domain.planning.PlanningAction;
import io.buildfactory.domain.planning.PlanningCommand;
import io.buildfactory.domain.planning.PlanningCommand.CreateActivity;
import io.buildfactory.domain.planning.PlanningCommand.CreateArtifact;
import io.buildfactory.domain.planning.PlanningCommand.CreateCard;
import io.buildfactory.domain.planning.PlanningCommand.CreateKnowledge;
import io.buildfactory.domain.planning.PlanningCommand.CreatePlannedFile;
import io.buildfactory.domain.planning.PlanningCommand.CreateWorkflow;
import io.buildfactory.domain.planning.PlanningCommand.DeleteActivity;
import io.buildfactory.domain.planning.PlanningCommand.DeleteArtifact;
import io.buildfactory.domain.planning.PlanningCommand.DeleteCard;
import io.buildfactory.domain.planning.PlanningCommand.DeleteKnowledge;
import io.buildfactory.domain.planning.PlanningCommand.DeletePlannedFile;
import io.buildfactory.domain.planning.PlanningCommand.DeleteWorkflow;
import io.buildfactory.domain.planning.PlanningCommand.EditActivity;
import io.buildfactory.domain.planning.PlanningCommand.EditArtifact;
import io.buildfactory.domain.planning.PlanningCommand.EditCard;
import io.buildfactory.domain.planning.PlanningCommand.EditKnowledge;
import io.buildfactory.domain.planning.PlanningCommand.EditPlannedFile;
import io.buildfactory.domain.planning.PlanningCommand.EditWorkflow;
import io.buildfactory.domain.planning.PlanningCommand.LinkArtifact;
import io.buildfactory.domain.planning.PlanningCommand.MoveActivity;
import io.buildfactory.domain.planning.PlanningCommand.MoveCard;
import io.buildfactory.domain.planning.PlanningCommand.MoveKnowledge;
import io.buildfactory.domain.planning.PlanningCommand.MovePlannedFile;
import io.buildfactory.domain.planning.PlanningCommand.MoveWorkflow;
import io.buildfactory.domain.planning.PlanningCommand.SetPolicyProfile;
import io.buildfactory.domain.planning.PlanningCommand.UnlinkArtifact;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The planning model's use cases. Every change is a planning action: the project's sequence is locked first, so
 * one project's changes apply one at a time (ranks computed inside see their siblings as they are), then the key
 * is looked up for a replay, the caller's sequence compared, the change applied, logged under the next sequence
 * number and audited, all in one transaction.
 */
public final class PlanningService implements PlanUseCase, ViewPlanUseCase {

    /** A rank longer than this has its siblings respaced before it is written (rare: about 150 moves into one gap). */
    static final int RESPACE_ABOVE = 32;

    private final ProjectAccess access;
    private final WorkflowRepository workflows;
    private final CardRepository cards;
    private final ContextArtifactRepository artifacts;
    private final PolicyProfileRepository profiles;
    private final PlanningLog log;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;

    public PlanningService(
            ProjectAccess access,
            WorkflowRepository workflows,
            CardRepository cards,
            ContextArtifactRepository artifacts,
            PolicyProfileRepository profiles,
            PlanningLog log,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        this.access = access;
        this.workflows = workflows;
        this.cards = cards;
        this.artifacts = artifacts;
        this.profiles = profiles;
        this.log = log;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
    }

    // ---- changes ----

    @Override
    public Outcome apply(Actor actor, Request request) {
        PlanningCommand command = request.command();
        Project project = projectOf(actor, command, request.idempotencyKey());
        Permission needed =
                command instanceof SetPolicyProfile ? Permissions.PLANNING_MANAGE_POLICY : Permissions.PLANNING_WRITE;
        access.in(actor, project.key()).orElseThrow(() -> hidden(command)).require(needed);
        Outcome outcome = transactions.inTransaction(() -> {
            long current = log.lockSequence(project.id());
            if (request.idempotencyKey().isPresent()) {
                Optional<PlanningAction> earlier =
                        log.find(project.id(), request.idempotencyKey().get());
                if (earlier.isPresent()) {
                    if (!earlier.get().command().equals(command)) {
                        throw ConflictException.keyReused("Idempotency-Key");
                    }
                    return new Replayed(earlier.get());
                }
            }
            if (request.expectedSequence().isPresent()
                    && request.expectedSequence().getAsLong() != current) {
                throw ConflictException.staleSequence(request.expectedSequence().getAsLong(), current);
            }
            Instant now = Timestamps.stored(clock.instant());
            Planned result = change(command, project, now);
            PlanningAction action = new PlanningAction(
                    project.id(), current + 1, actor.userId(), request.idempotencyKey(), command, result, now);
            log.append(action);
            audit.success(
                    actor,
                    AuditAction.PLANNING_ACTION,
                    AuditTarget.project(project.key()),
                    Map.of(
                            "type", command.type(),
                            "sequence", Long.toString(action.sequence()),
                            "object", result.reference()));
            return new Applied(action);
        });
        if (outcome instanceof Applied applied) {
            telemetry.emit(
                    ServerEvent.PLANNING_ACTION_APPLIED,
                    actor,
                    Map.of(
                            "project", project.key().value(),
                            "type", command.type(),
                            "sequence", applied.action().sequence()));
        }
        return outcome;
    }

    private Planned change(PlanningCommand command, Project project, Instant now) {
        return switch (command) {
            case CreateWorkflow c -> {
                Workflow w = Workflow.create(
                        new WorkflowId(ids.next()),
                        project.id(),
                        c.name(),
                        c.description(),
                        last(workflows.workflowRanks(), project.id()),
                        now);
                workflows.insert(w);
                yield w;
            }
            case EditWorkflow c -> {
                Workflow w = current(workflows.find(c.workflow()), "workflow", c.workflow(), c.version());
                yield workflows.update(
                        w.edit(c.name().orElse(w.name()), c.description().orElse(w.description()), now));
            }
            case MoveWorkflow c -> {
                Workflow w = found(workflows.find(c.workflow()), "workflow", c.workflow());
                Optional<WorkflowId> after = notItself(c.after(), c.workflow());
                Rank rank = place(
                        workflows.workflowRanks(),
                        w.project(),
                        () -> after.map(a -> {
                            Workflow sibling = found(workflows.find(a), "workflow", a);
                            sameParent(
                                    sibling.project().equals(w.project()), "after", "a workflow of the same project");
                            return sibling.rank();
                        }));
                Workflow moved = w.movedTo(rank, now);
                workflows.move(moved);
                yield moved;
            }
            case DeleteWorkflow c -> {
                current(workflows.find(c.workflow()), "workflow", c.workflow(), c.version());
                workflows.delete(c.workflow());
                yield new Planned.Deleted("workflow", c.workflow().toString());
            }
            case CreateActivity c -> {
                Workflow w = found(workflows.find(c.workflow()), "workflow", c.workflow());
                Activity a = Activity.create(
                        new ActivityId(ids.next()),
                        w,
                        c.name(),
                        c.color(),
                        last(workflows.activityRanks(), w.id()),
                        now);
                workflows.insert(a);
                yield a;
            }
            case EditActivity c -> {
                Activity a = current(workflows.find(c.activity()), "activity", c.activity(), c.version());
                yield workflows.update(
                        a.edit(c.name().orElse(a.name()), c.color().orElse(a.color()), now));
            }
            case MoveActivity c -> {
                Activity a = found(workflows.find(c.activity()), "activity", c.activity());
                Optional<ActivityId> after = notItself(c.after(), c.activity());
                Rank rank = place(
                        workflows.activityRanks(),
                        a.workflow(),
                        () -> after.map(id -> {
                            Activity sibling = found(workflows.find(id), "activity", id);
                            sameParent(
                                    sibling.workflow().equals(a.workflow()),
                                    "after",
                                    "an activity of the same workflow");
                            return sibling.rank();
                        }));
                Activity moved = a.movedTo(rank, now);
                workflows.move(moved);
                yield moved;
            }
            case DeleteActivity c -> {
                current(workflows.find(c.activity()), "activity", c.activity(), c.version());
                workflows.delete(c.activity());
                yield new Planned.Deleted("activity", c.activity().toString());
            }
            case CreateCard c -> {
                Activity a = found(workflows.find(c.activity()), "activity", c.activity());
                Card card = Card.create(
                        new CardId(ids.next()),
                        a,
                        c.title(),
                        c.description(),
                        c.status().orElse(CardStatus.BACKLOG),
                        c.priority().orElse(CardPriority.MEDIUM),
                        c.buildState().orElse(BuildState.NOT_STARTED),
                        last(cards.cardRanks(), a.id()),
                        now);
                cards.insert(card);
                yield card;
            }
            case EditCard c -> {
                Card card = current(cards.find(c.card()), "card", c.card(), c.version());
                yield cards.update(card.edit(
                        c.title().orElse(card.title()),
                        c.description().orElse(card.description()),
                        c.status().orElse(card.status()),
                        c.priority().orElse(card.priority()),
                        c.buildState().orElse(card.buildState()),
                        now));
            }
            case MoveCard c -> {
                Card card = found(cards.find(c.card()), "card", c.card());
                // another project's activity is answered as a missing one, before any rank is computed
                Activity target = c.into()
                        .map(id -> workflows
                                .find(id)
                                .filter(a -> a.project().equals(card.project()))
                                .orElseThrow(() -> new InvalidInputException(
                                        "activityId", "must be an activity of the card's own project")))
                        .orElseGet(() -> found(workflows.find(card.activity()), "activity", card.activity()));
                Optional<CardId> after = notItself(c.after(), c.card());
                Rank rank = place(
                        cards.cardRanks(),
                        target.id(),
                        () -> after.map(id -> {
                            Card sibling = found(cards.find(id), "card", id);
                            sameParent(
                                    sibling.activity().equals(target.id()), "after", "a card of the target activity");
                            return sibling.rank();
                        }));
                Card moved = card.movedTo(target, rank, now);
                cards.move(moved);
                yield moved;
            }
            case DeleteCard c -> {
                current(cards.find(c.card()), "card", c.card(), c.version());
                cards.delete(c.card());
                yield new Planned.Deleted("card", c.card().toString());
            }
            case CreateKnowledge c -> {
                Card card = found(cards.find(c.card()), "card", c.card());
                KnowledgeItem item = KnowledgeItem.create(
                        new KnowledgeItemId(ids.next()),
                        card.id(),
                        c.kind(),
                        c.text(),
                        c.source(),
                        c.confidence(),
                        c.answer(),
                        c.status(),
                        last(cards.knowledgeRanks(c.kind()), card.id()),
                        now);
                cards.insert(item);
                yield item;
            }
            case EditKnowledge c -> {
                KnowledgeItem item = current(cards.find(c.item()), "knowledge item", c.item(), c.version());
                Optional<String> answer = c.answer().isPresent() ? c.answer() : item.answer();
                yield cards.update(item.edit(
                        c.text().orElse(item.text()),
                        c.source().isPresent() ? c.source() : item.source(),
                        c.confidence().isPresent() ? c.confidence() : item.confidence(),
                        answer,
                        // a new answer without a status answers the question; a status alone is taken as sent
                        c.status().isPresent()
                                ? c.status()
                                : c.answer().isPresent() ? Optional.empty() : item.questionStatus(),
                        now));
            }
            case MoveKnowledge c -> {
                KnowledgeItem item = found(cards.find(c.item()), "knowledge item", c.item());
                Optional<KnowledgeItemId> after = notItself(c.after(), c.item());
                Rank rank = place(
                        cards.knowledgeRanks(item.kind()),
                        item.card(),
                        () -> after.map(id -> {
                            KnowledgeItem sibling = found(cards.find(id), "knowledge item", id);
                            sameParent(
                                    sibling.card().equals(item.card()) && sibling.kind() == item.kind(),
                                    "after",
                                    "an item of the same card and kind");
                            return sibling.rank();
                        }));
                KnowledgeItem moved = item.movedTo(rank, now);
                cards.move(moved);
                yield moved;
            }
            case DeleteKnowledge c -> {
                current(cards.find(c.item()), "knowledge item", c.item(), c.version());
                cards.delete(c.item());
                yield new Planned.Deleted("knowledge-item", c.item().toString());
            }
            case CreatePlannedFile c -> {
                Card card = found(cards.find(c.card()), "card", c.card());
                PlannedFile file = PlannedFile.create(
                        new PlannedFileId(ids.next()),
                        card.id(),
                        c.logicalPath(),
                        c.moduleHint(),
                        c.artifactKind(),
                        c.action(),
                        c.intentSummary(),
                        c.contractNotes(),
                        c.status().orElse(PlannedFileStatus.PLANNED),
                        last(cards.plannedFileRanks(), card.id()),
                        now);
                cards.insert(file);
                yield file;
            }
            case EditPlannedFile c -> {
                PlannedFile f = current(cards.find(c.file()), "planned file", c.file(), c.version());
                yield cards.update(f.edit(
                        c.logicalPath().orElse(f.logicalPath()),
                        c.moduleHint().isPresent() ? c.moduleHint() : f.moduleHint(),
                        c.artifactKind().orElse(f.artifactKind()),
                        c.action().orElse(f.action()),
                        c.intentSummary().orElse(f.intentSummary()),
                        c.contractNotes().isPresent() ? c.contractNotes() : f.contractNotes(),
                        c.status().orElse(f.status()),
                        now));
            }
            case MovePlannedFile c -> {
                PlannedFile f = found(cards.find(c.file()), "planned file", c.file());
                Optional<PlannedFileId> after = notItself(c.after(), c.file());
                Rank rank = place(
                        cards.plannedFileRanks(),
                        f.card(),
                        () -> after.map(id -> {
                            PlannedFile sibling = found(cards.find(id), "planned file", id);
                            sameParent(sibling.card().equals(f.card()), "after", "a planned file of the same card");
                            return sibling.rank();
                        }));
                PlannedFile moved = f.movedTo(rank, now);
                cards.move(moved);
                yield moved;
            }
            case DeletePlannedFile c -> {
                current(cards.find(c.file()), "planned file", c.file(), c.version());
                cards.delete(c.file());
                yield new Planned.Deleted("planned-file", c.file().toString());
            }
            case CreateArtifact c -> {
                ContextArtifact a = ContextArtifact.create(
                        new ArtifactId(ids.next()),
                        project.id(),
                        c.artifactType(),
                        c.title(),
                        c.content(),
                        c.uri(),
                        c.integrationRef(),
                        now);
                artifacts.insert(a);
                yield a;
            }
            case EditArtifact c -> {
                ContextArtifact a = current(artifacts.find(c.artifact()), "artifact", c.artifact(), c.version());
                yield artifacts.update(a.edit(
                        c.artifactType().orElse(a.type()),
                        c.title().orElse(a.title()),
                        c.content().isPresent() ? c.content() : a.content(),
                        c.uri().isPresent() ? c.uri() : a.uri(),
                        c.integrationRef().isPresent() ? c.integrationRef() : a.integrationRef(),
                        now));
            }
            case DeleteArtifact c -> {
                current(artifacts.find(c.artifact()), "artifact", c.artifact(), c.version());
                artifacts.delete(c.artifact());
                yield new Planned.Deleted("artifact", c.artifact().toString());
            }
            case LinkArtifact c -> {
                Card card = found(cards.find(c.card()), "card", c.card());
                ContextArtifact a = artifacts
                        .find(c.artifact())
                        .filter(found -> found.project().equals(card.project()))
                        .orElseThrow(() -> new NotFoundException("artifact", c.artifact()));
                ArtifactLink link = new ArtifactLink(card.id(), a.id(), now);
                artifacts.link(link);
                yield link;
            }
            case UnlinkArtifact c -> {
                if (!artifacts.unlink(c.card(), c.artifact())) {
                    throw new NotFoundException("artifact link", c.card() + "/" + c.artifact());
                }
                yield new Planned.Deleted("artifact-link", c.card() + "/" + c.artifact());
            }
            case SetPolicyProfile c -> {
                PolicyProfile profile = profiles.find(project.id()).orElse(PolicyProfile.empty(project.id()));
                if (profile.version() != c.version()) {
                    throw ConflictException.staleVersion("policy profile of", project.key(), c.version());
                }
                yield profiles.save(profile.edit(
                        c.requiredChecks(),
                        c.allowedPaths(),
                        c.forbiddenPaths(),
                        c.signalsStaleAfter().orElse(PolicyProfile.DEFAULT_SIGNALS_STALE_AFTER),
                        now));
            }
        };
    }

    /**
     * The project a command acts in, found from the object it names. A deletion replayed by its key names an
     * object that is gone: its project is then the one whose log holds the key for this very command.
     */
    private Project projectOf(Actor actor, PlanningCommand command, Optional<String> key) {
        Optional<ProjectId> id = switch (command) {
            case CreateWorkflow c -> access.find(c.project()).map(Project::id);
            case CreateArtifact c -> access.find(c.project()).map(Project::id);
            case SetPolicyProfile c -> access.find(c.project()).map(Project::id);
            case EditWorkflow c -> workflows.find(c.workflow()).map(Workflow::project);
            case MoveWorkflow c -> workflows.find(c.workflow()).map(Workflow::project);
            case DeleteWorkflow c -> workflows.find(c.workflow()).map(Workflow::project);
            case CreateActivity c -> workflows.find(c.workflow()).map(Workflow::project);
            case EditActivity c -> workflows.find(c.activity()).map(Activity::project);
            case MoveActivity c -> workflows.find(c.activity()).map(Activity::project);
            case DeleteActivity c -> workflows.find(c.activity()).map(Activity::project);
            case CreateCard c -> workflows.find(c.activity()).map(Activity::project);
            case EditCard c -> cardProject(c.card());
            case MoveCard c -> cardProject(c.card());
            case DeleteCard c -> cardProject(c.card());
            case LinkArtifact c -> cardProject(c.card());
            case UnlinkArtifact c -> cardProject(c.card());
            case CreateKnowledge c -> cardProject(c.card());
            case CreatePlannedFile c -> cardProject(c.card());
            case EditKnowledge c -> cards.find(c.item()).flatMap(i -> cardProject(i.card()));
            case MoveKnowledge c -> cards.find(c.item()).flatMap(i -> cardProject(i.card()));
            case DeleteKnowledge c -> cards.find(c.item()).flatMap(i -> cardProject(i.card()));
            case EditPlannedFile c -> cards.find(c.file()).flatMap(f -> cardProject(f.card()));
            case MovePlannedFile c -> cards.find(c.file()).flatMap(f -> cardProject(f.card()));
            case DeletePlannedFile c -> cards.find(c.file()).flatMap(f -> cardProject(f.card()));
            case EditArtifact c -> artifacts.find(c.artifact()).map(ContextArtifact::project);
            case DeleteArtifact c -> artifacts.find(c.artifact()).map(ContextArtifact::project);
        };
        // by the key alone, among the projects the caller sees: the transaction then replays it or, for another
        // command, refuses the reused key
        return id.flatMap(access::find)
                .or(() -> key.flatMap(k -> {
                    List<Project> visible = log.withKey(k).stream()
                            .map(PlanningAction::project)
                            .distinct()
                            .flatMap(p -> access.find(p).stream())
                            .filter(p -> access.in(actor, p.key()).isPresent())
                            .toList();
                    return visible.size() == 1 ? Optional.of(visible.getFirst()) : Optional.empty();
                }))
                .orElseThrow(() -> hidden(command));
    }

    private Optional<ProjectId> cardProject(CardId card) {
        return cards.find(card).map(Card::project);
    }

    /** The refusal for an object that does not exist or sits in a project hidden from the caller. */
    private static NotFoundException hidden(PlanningCommand command) {
        return switch (command) {
            case CreateWorkflow c -> new NotFoundException("project", c.project());
            case CreateArtifact c -> new NotFoundException("project", c.project());
            case SetPolicyProfile c -> new NotFoundException("project", c.project());
            case EditWorkflow c -> new NotFoundException("workflow", c.workflow());
            case MoveWorkflow c -> new NotFoundException("workflow", c.workflow());
            case DeleteWorkflow c -> new NotFoundException("workflow", c.workflow());
            case CreateActivity c -> new NotFoundException("workflow", c.workflow());
            case EditActivity c -> new NotFoundException("activity", c.activity());
            case MoveActivity c -> new NotFoundException("activity", c.activity());
            case DeleteActivity c -> new NotFoundException("activity", c.activity());
            case CreateCard c -> new NotFoundException("activity", c.activity());
            case EditCard c -> new NotFoundException("card", c.card());
            case MoveCard c -> new NotFoundException("card", c.card());
            case DeleteCard c -> new NotFoundException("card", c.card());
            case LinkArtifact c -> new NotFoundException("card", c.card());
            case UnlinkArtifact c -> new NotFoundException("card", c.card());
            case CreateKnowledge c -> new NotFoundException("card", c.card());
            case CreatePlannedFile c -> new NotFoundException("card", c.card());
            case EditKnowledge c -> new NotFoundException("knowledge item", c.item());
            case MoveKnowledge c -> new NotFoundException("knowledge item", c.item());
            case DeleteKnowledge c -> new NotFoundException("knowledge item", c.item());
            case EditPlannedFile c -> new NotFoundException("planned file", c.file());
            case MovePlannedFile c -> new NotFoundException("planned file", c.file());
            case DeletePlannedFile c -> new NotFoundException("planned file", c.file());
            case EditArtifact c -> new NotFoundException("artifact", c.artifact());
            case DeleteArtifact c -> new NotFoundException("artifact", c.artifact());
        };
    }

    // ---- ranks ----

    /** A rank after every sibling: where a new object goes. */
    private static <P> Rank last(RankedSiblings<P> siblings, P parent) {
        return place(siblings, parent, () -> siblings.last(parent), true);
    }

    /** The rank right after the sibling {@code after} reads (first among them when it reads none). */
    private static <P> Rank place(RankedSiblings<P> siblings, P parent, Supplier<Optional<Rank>> after) {
        return place(siblings, parent, after, false);
    }

    /**
     * A rank between the lower bound and the sibling just above it (none when appending); when that rank would
     * be long (many moves into one gap), the siblings are respaced first and the bounds read again.
     */
    private static <P> Rank place(
            RankedSiblings<P> siblings, P parent, Supplier<Optional<Rank>> lowerBound, boolean append) {
        for (int attempt = 0; ; attempt++) {
            Optional<Rank> lower = lowerBound.get();
            Optional<Rank> upper = append
                    ? Optional.empty()
                    : lower.isPresent() ? siblings.after(parent, lower.get()) : siblings.first(parent);
            Rank rank = Rank.between(lower, upper);
            if (rank.value().length() <= RESPACE_ABOVE || attempt > 0) {
                return rank;
            }
            siblings.respace(parent);
        }
    }

    private static <I> Optional<I> notItself(Optional<I> after, I self) {
        if (after.isPresent() && after.get().equals(self)) {
            throw new InvalidInputException("after", "must name another sibling, not the one being moved");
        }
        return after;
    }

    private static void sameParent(boolean same, String field, String what) {
        if (!same) {
            throw new InvalidInputException(field, "must be " + what);
        }
    }

    private static <T> T found(Optional<T> value, String kind, Object id) {
        return value.orElseThrow(() -> new NotFoundException(kind, id));
    }

    /** The object, provided it is still at the version the caller read. */
    private static <T extends Planned> T current(Optional<T> value, String kind, Object id, long version) {
        T found = found(value, kind, id);
        long current = switch (found) {
            case Workflow w -> w.version();
            case Activity a -> a.version();
            case Card c -> c.version();
            case KnowledgeItem k -> k.version();
            case PlannedFile f -> f.version();
            case ContextArtifact a -> a.version();
            case PolicyProfile p -> p.version();
            case ArtifactLink l -> version;
            case Planned.Deleted d -> version;
        };
        if (current != version) {
            throw ConflictException.staleVersion(kind, id, version);
        }
        return found;
    }

    // ---- reads ----

    @Override
    public Page<Workflow> workflows(Actor actor, ProjectKey key, PageRequest page) {
        Project project = readable(actor, key);
        return workflows.list(project.id(), page);
    }

    @Override
    public WorkflowWithActivities workflow(Actor actor, WorkflowId id) {
        Workflow w = readable(actor, workflows.find(id), Workflow::project, "workflow", id);
        return new WorkflowWithActivities(w, workflows.activities(w.id()));
    }

    @Override
    public Activity activity(Actor actor, ActivityId id) {
        return readable(actor, workflows.find(id), Activity::project, "activity", id);
    }

    @Override
    public Page<Card> cards(Actor actor, ActivityId activity, PageRequest page) {
        activity(actor, activity);
        return cards.list(activity, page);
    }

    @Override
    public CardPage card(Actor actor, CardId id) {
        return readable(actor, cards.page(id), p -> p.card().project(), "card", id);
    }

    @Override
    public KnowledgeItem knowledge(Actor actor, KnowledgeItemId id) {
        KnowledgeItem item = found(cards.find(id), "knowledge item", id);
        readable(actor, cards.find(item.card()), Card::project, "knowledge item", id);
        return item;
    }

    @Override
    public PlannedFile plannedFile(Actor actor, PlannedFileId id) {
        PlannedFile file = found(cards.find(id), "planned file", id);
        readable(actor, cards.find(file.card()), Card::project, "planned file", id);
        return file;
    }

    @Override
    public Page<ContextArtifact> artifacts(Actor actor, ProjectKey key, PageRequest page) {
        return artifacts.list(readable(actor, key).id(), page);
    }

    @Override
    public ContextArtifact artifact(Actor actor, ArtifactId id) {
        return readable(actor, artifacts.find(id), ContextArtifact::project, "artifact", id);
    }

    @Override
    public PolicyProfile policyProfile(Actor actor, ProjectKey key) {
        Project project = readable(actor, key);
        return profiles.find(project.id()).orElse(PolicyProfile.empty(project.id()));
    }

    @Override
    public Optional<Frozen> frozenForRun(CardId id) {
        return cards.page(id)
                .map(page -> new Frozen(
                        page,
                        profiles.find(page.card().project())
                                .orElse(PolicyProfile.empty(page.card().project()))));
    }

    @Override
    public Optional<ProjectId> projectOf(WorkflowId workflow) {
        return workflows.find(workflow).map(Workflow::project);
    }

    @Override
    public Optional<ProjectId> projectOf(CardId card) {
        return cards.find(card).map(Card::project);
    }

    @Override
    public List<PlanningAction> actions(Actor actor, ProjectKey key, long sequence, int limit) {
        Project project = readable(actor, key);
        if (sequence < 0) {
            throw new InvalidInputException("after", "must be 0 or more");
        }
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be from 1 to " + PageRequest.MAX_LIMIT);
        }
        return log.after(project.id(), sequence, limit);
    }

    private Project readable(Actor actor, ProjectKey key) {
        access.in(actor, key)
                .orElseThrow(() -> new NotFoundException("project", key))
                .require(Permissions.PLANNING_READ);
        return access.find(key).orElseThrow(() -> new NotFoundException("project", key));
    }

    private <T> T readable(
            Actor actor,
            Optional<T> value,
            java.util.function.Function<T, ProjectId> projectOf,
            String kind,
            Object id) {
        T found = found(value, kind, id);
        ProjectKey key = access.find(projectOf.apply(found))
                .map(Project::key)
                .orElseThrow(() -> new NotFoundException(kind, id));
        access.in(actor, key).orElseThrow(() -> new NotFoundException(kind, id)).require(Permissions.PLANNING_READ);
        return found;
    }
}
