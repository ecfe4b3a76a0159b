package io.buildfactory.application.workitems;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.workitems.port.in.LinkCardUseCase;
import io.buildfactory.application.workitems.port.out.WorkItemCardLinks;
import io.buildfactory.application.workitems.port.out.WorkItemRepository;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemRef;
import java.util.Map;
import java.util.Optional;

/** Links work items to the cards they came from, inside one project, audited. */
public final class WorkItemCardService implements LinkCardUseCase {

    private final WorkItemRepository items;
    private final WorkItemCardLinks links;
    private final ProjectAccess projects;
    private final TransactionRunner transactions;
    private final AuditTrail audit;

    public WorkItemCardService(
            WorkItemRepository items,
            WorkItemCardLinks links,
            ProjectAccess projects,
            TransactionRunner transactions,
            AuditTrail audit) {
        this.items = items;
        this.links = links;
        this.projects = projects;
        this.transactions = transactions;
        this.audit = audit;
    }

    @Override
    public Optional<CardId> cardOf(Actor caller, WorkItemRef ref) {
        WorkItem item = load(ref);
        inProject(caller, item, ref).require(Permissions.WORK_ITEM_READ);
        return links.cardOf(item.id());
    }

    @Override
    public Optional<CardId> link(Actor caller, WorkItemRef ref, Optional<CardId> card) {
        WorkItem item = load(ref);
        inProject(caller, item, ref).require(Permissions.WORK_ITEM_UPDATE);
        transactions.inTransaction(() -> {
            // inside, with the card's row locked: a card deleted meanwhile is refused here, not by the database
            if (card.isPresent()
                    && !links.projectOfCard(card.get())
                            .map(p -> p.equals(item.key().project()))
                            .orElse(false)) {
                throw new InvalidInputException("cardId", "must be a card of the work item's project");
            }
            links.link(item.id(), card);
            audit.success(
                    caller,
                    AuditAction.WORK_ITEM_LINK_CARD,
                    AuditTarget.workItem(item.id()),
                    Map.of("card", card.map(CardId::toString).orElse("none")));
        });
        return card;
    }

    private WorkItem load(WorkItemRef ref) {
        Optional<WorkItem> found = switch (ref) {
            case WorkItemRef.ById byId -> items.findById(byId.id());
            case WorkItemRef.ByKey byKey -> items.findByKey(byKey.key());
        };
        return found.orElseThrow(() -> new NotFoundException("work item", ref));
    }

    private Actor inProject(Actor caller, WorkItem item, WorkItemRef ref) {
        return projects.in(caller, item.key().project()).orElseThrow(() -> new NotFoundException("work item", ref));
    }
}
