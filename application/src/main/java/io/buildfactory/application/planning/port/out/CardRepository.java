package io.buildfactory.application.planning.port.out;

import io.buildfactory.domain.planning.ActivityId;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.KnowledgeItem;
import io.buildfactory.domain.planning.KnowledgeItemId;
import io.buildfactory.domain.planning.KnowledgeKind;
import io.buildfactory.domain.planning.PlannedFile;
import io.buildfactory.domain.planning.PlannedFileId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Optional;

/** Cards with what hangs on them: knowledge items (by kind) and planned files, each in rank order. */
public interface CardRepository {

    void insert(Card card);

    Card update(Card card);

    /** Writes the card's rank and activity. */
    void move(Card card);

    void delete(CardId card);

    Optional<Card> find(CardId card);

    /** The activity's cards in order; the cursor is a rank. */
    Page<Card> list(ActivityId activity, PageRequest page);

    RankedSiblings<ActivityId> cardRanks();

    /** The card with its knowledge, planned files and linked artifacts, read in a fixed number of queries. */
    Optional<CardPage> page(CardId card);

    void insert(KnowledgeItem item);

    KnowledgeItem update(KnowledgeItem item);

    void move(KnowledgeItem item);

    void delete(KnowledgeItemId item);

    Optional<KnowledgeItem> find(KnowledgeItemId item);

    /** The ranks of a card's items of one kind: each kind is ordered on its own. */
    RankedSiblings<CardId> knowledgeRanks(KnowledgeKind kind);

    void insert(PlannedFile file);

    PlannedFile update(PlannedFile file);

    void move(PlannedFile file);

    void delete(PlannedFileId file);

    Optional<PlannedFile> find(PlannedFileId file);

    RankedSiblings<CardId> plannedFileRanks();
}
