package io.buildfactory.persistence.workitems;

import static io.buildfactory.persistence.jooq.Tables.CARDS;
import static io.buildfactory.persistence.jooq.Tables.PROJECTS;
import static io.buildfactory.persistence.jooq.Tables.WORK_ITEMS;

import io.buildfactory.application.workitems.port.out.WorkItemCardLinks;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.persistence.Database;
import java.util.Optional;

/** {@code work_items.card_id}: written only here, so an edit of the item never touches its link. */
public final class JooqWorkItemCardLinks implements WorkItemCardLinks {

    private final Database db;

    public JooqWorkItemCardLinks(Database db) {
        this.db = db;
    }

    @Override
    public Optional<CardId> cardOf(WorkItemId item) {
        return db.dsl()
                .select(WORK_ITEMS.CARD_ID)
                .from(WORK_ITEMS)
                .where(WORK_ITEMS.ID.eq(item.toString()))
                .fetchOptional(r -> r.value1())
                .map(CardId::parse);
    }

    @Override
    public void link(WorkItemId item, Optional<CardId> card) {
        db.dsl()
                .update(WORK_ITEMS)
                .set(WORK_ITEMS.CARD_ID, card.map(CardId::toString).orElse(null))
                .where(WORK_ITEMS.ID.eq(item.toString()))
                .execute();
    }

    @Override
    public Optional<ProjectKey> projectOfCard(CardId card) {
        // the card's row alone is locked (a join would lock the project's too, which planning actions take)
        return db.dialect()
                .lockingRows(db.dsl().select(CARDS.PROJECT_ID).from(CARDS).where(CARDS.ID.eq(card.toString())))
                .fetchOptional(r -> r.value1())
                .flatMap(project -> db.dsl()
                        .select(PROJECTS.PROJECT_KEY)
                        .from(PROJECTS)
                        .where(PROJECTS.ID.eq(project))
                        .fetchOptional(r -> new ProjectKey(r.value1())));
    }
}
