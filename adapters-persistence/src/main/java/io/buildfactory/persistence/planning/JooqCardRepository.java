package io.buildfactory.persistence.planning;

import static io.buildfactory.persistence.jooq.Tables.CARDS;
import static io.buildfactory.persistence.jooq.Tables.CARD_CONTEXT_ARTIFACTS;
import static io.buildfactory.persistence.jooq.Tables.CARD_PLANNED_FILES;
import static io.buildfactory.persistence.jooq.Tables.CONTEXT_ARTIFACTS;

import io.buildfactory.application.planning.port.out.CardRepository;
import io.buildfactory.application.planning.port.out.RankedSiblings;
import io.buildfactory.domain.planning.ActivityId;
import io.buildfactory.domain.planning.ArtifactKind;
import io.buildfactory.domain.planning.BuildState;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.CardPriority;
import io.buildfactory.domain.planning.CardStatus;
import io.buildfactory.domain.planning.FileAction;
import io.buildfactory.domain.planning.KnowledgeItem;
import io.buildfactory.domain.planning.KnowledgeItemId;
import io.buildfactory.domain.planning.KnowledgeKind;
import io.buildfactory.domain.planning.PlannedFile;
import io.buildfactory.domain.planning.PlannedFileId;
import io.buildfactory.domain.planning.PlannedFileStatus;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.CardPlannedFilesRecord;
import io.buildfactory.persistence.jooq.tables.records.CardsRecord;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;

/** Cards, their knowledge (four tables, read as one) and planned files, each in rank order. */
public final class JooqCardRepository implements CardRepository {

    private final Database db;
    private final RankedSiblings<ActivityId> cardRanks;
    private final Map<KnowledgeKind, RankedSiblings<CardId>> knowledgeRanks = new EnumMap<>(KnowledgeKind.class);
    private final RankedSiblings<CardId> plannedFileRanks;

    public JooqCardRepository(Database db) {
        this.db = db;
        this.cardRanks = new JooqRankedSiblings<>(db, CARDS, CARDS.ID, CARDS.ACTIVITY_ID, CARDS.RANK);
        KnowledgeTables.BY_KIND.forEach((kind, c) ->
                knowledgeRanks.put(kind, new JooqRankedSiblings<>(db, c.table(), c.id(), c.card(), c.rank())));
        this.plannedFileRanks = new JooqRankedSiblings<>(
                db, CARD_PLANNED_FILES, CARD_PLANNED_FILES.ID, CARD_PLANNED_FILES.CARD_ID, CARD_PLANNED_FILES.RANK);
    }

    // ---- cards ----

    @Override
    public void insert(Card card) {
        db.dsl().executeInsert(toRecord(card));
    }

    @Override
    public Card update(Card card) {
        Card next = card.nextVersion();
        int rows = db.dsl()
                .update(CARDS)
                .set(CARDS.TITLE, next.title())
                .set(CARDS.DESCRIPTION, next.description())
                .set(CARDS.STATUS, next.status().code())
                .set(CARDS.PRIORITY, next.priority().code())
                .set(CARDS.BUILD_STATE, next.buildState().code())
                .set(CARDS.UPDATED_AT, next.updatedAt())
                .set(CARDS.VERSION, next.version())
                .where(CARDS.ID.eq(card.id().toString()))
                .and(CARDS.VERSION.eq(card.version()))
                .execute();
        if (rows == 0) {
            throw ConflictException.staleVersion("card", card.id(), card.version());
        }
        return next;
    }

    @Override
    public void move(Card card) {
        db.dsl()
                .update(CARDS)
                .set(CARDS.ACTIVITY_ID, card.activity().toString())
                .set(CARDS.RANK, card.rank().value())
                .set(CARDS.UPDATED_AT, card.updatedAt())
                .where(CARDS.ID.eq(card.id().toString()))
                .execute();
    }

    @Override
    public void delete(CardId card) {
        PlanDeletes.refusedWhileBuilt(
                "card",
                () -> db.dsl()
                        .deleteFrom(CARDS)
                        .where(CARDS.ID.eq(card.toString()))
                        .execute());
    }

    @Override
    public Optional<Card> find(CardId card) {
        return db.dsl()
                .selectFrom(CARDS)
                .where(CARDS.ID.eq(card.toString()))
                .fetchOptional(JooqCardRepository::toDomain);
    }

    @Override
    public Page<Card> list(ActivityId activity, PageRequest page) {
        var query = db.dsl().selectFrom(CARDS).where(CARDS.ACTIVITY_ID.eq(activity.toString()));
        page.after().ifPresent(rank -> query.and(CARDS.RANK.gt(rank)));
        return Page.of(
                query.orderBy(CARDS.RANK).limit(page.limit() + 1).fetch(JooqCardRepository::toDomain),
                page.limit(),
                c -> c.rank().value());
    }

    @Override
    public RankedSiblings<ActivityId> cardRanks() {
        return cardRanks;
    }

    /** Four queries whatever the card holds: the card, its knowledge (one union), its files, its artifacts. */
    @Override
    public Optional<CardPage> page(CardId id) {
        return find(id).map(card -> new CardPage(
                card,
                KnowledgeTables.select(db.dsl(), c -> c.card().eq(id.toString())),
                db.dsl()
                        .selectFrom(CARD_PLANNED_FILES)
                        .where(CARD_PLANNED_FILES.CARD_ID.eq(id.toString()))
                        .orderBy(CARD_PLANNED_FILES.RANK)
                        .fetch(JooqCardRepository::toDomain),
                db.dsl()
                        .select(CONTEXT_ARTIFACTS.fields())
                        .from(CARD_CONTEXT_ARTIFACTS)
                        .join(CONTEXT_ARTIFACTS)
                        .on(CONTEXT_ARTIFACTS.ID.eq(CARD_CONTEXT_ARTIFACTS.ARTIFACT_ID))
                        .where(CARD_CONTEXT_ARTIFACTS.CARD_ID.eq(id.toString()))
                        .orderBy(CONTEXT_ARTIFACTS.ID)
                        .fetch(r -> JooqContextArtifactRepository.toDomain(r.into(CONTEXT_ARTIFACTS)))));
    }

    // ---- knowledge ----

    @Override
    public void insert(KnowledgeItem item) {
        KnowledgeTables.Columns c = KnowledgeTables.of(item.kind());
        Map<Field<?>, Object> values = KnowledgeTables.values(c, item);
        values.put(c.id(), item.id().toString());
        values.put(c.card(), item.card().toString());
        values.put(c.createdAt(), item.createdAt());
        db.dsl().insertInto(c.table()).set(values).execute();
    }

    @Override
    public KnowledgeItem update(KnowledgeItem item) {
        KnowledgeItem next = item.nextVersion();
        KnowledgeTables.Columns c = KnowledgeTables.of(item.kind());
        int rows = db.dsl()
                .update(c.table())
                .set(KnowledgeTables.values(c, next))
                .where(c.id().eq(item.id().toString()))
                .and(c.version().eq(item.version()))
                .execute();
        if (rows == 0) {
            throw ConflictException.staleVersion("knowledge item", item.id(), item.version());
        }
        return next;
    }

    @Override
    public void move(KnowledgeItem item) {
        KnowledgeTables.Columns c = KnowledgeTables.of(item.kind());
        db.dsl()
                .update(c.table())
                .set(c.rank(), item.rank().value())
                .set(c.updatedAt(), item.updatedAt())
                .where(c.id().eq(item.id().toString()))
                .execute();
    }

    @Override
    public void delete(KnowledgeItemId item) {
        for (KnowledgeTables.Columns c : KnowledgeTables.BY_KIND.values()) {
            if (db.dsl().deleteFrom(c.table()).where(c.id().eq(item.toString())).execute() > 0) {
                return;
            }
        }
    }

    @Override
    public Optional<KnowledgeItem> find(KnowledgeItemId item) {
        return KnowledgeTables.select(db.dsl(), c -> c.id().eq(item.toString())).stream()
                .findFirst();
    }

    @Override
    public RankedSiblings<CardId> knowledgeRanks(KnowledgeKind kind) {
        return knowledgeRanks.get(kind);
    }

    // ---- planned files ----

    @Override
    public void insert(PlannedFile file) {
        uniquePath(() -> db.dsl().executeInsert(toRecord(file)));
    }

    @Override
    public PlannedFile update(PlannedFile file) {
        PlannedFile next = file.nextVersion();
        CardPlannedFilesRecord record = toRecord(next);
        record.changed(CARD_PLANNED_FILES.ID, false);
        record.changed(CARD_PLANNED_FILES.CARD_ID, false);
        record.changed(CARD_PLANNED_FILES.CREATED_AT, false);
        int rows = uniquePath(() -> db.dsl()
                .update(CARD_PLANNED_FILES)
                .set(record)
                .where(CARD_PLANNED_FILES.ID.eq(file.id().toString()))
                .and(CARD_PLANNED_FILES.VERSION.eq(file.version()))
                .execute());
        if (rows == 0) {
            throw ConflictException.staleVersion("planned file", file.id(), file.version());
        }
        return next;
    }

    @Override
    public void move(PlannedFile file) {
        db.dsl()
                .update(CARD_PLANNED_FILES)
                .set(CARD_PLANNED_FILES.RANK, file.rank().value())
                .set(CARD_PLANNED_FILES.UPDATED_AT, file.updatedAt())
                .where(CARD_PLANNED_FILES.ID.eq(file.id().toString()))
                .execute();
    }

    @Override
    public void delete(PlannedFileId file) {
        db.dsl()
                .deleteFrom(CARD_PLANNED_FILES)
                .where(CARD_PLANNED_FILES.ID.eq(file.toString()))
                .execute();
    }

    @Override
    public Optional<PlannedFile> find(PlannedFileId file) {
        return db.dsl()
                .selectFrom(CARD_PLANNED_FILES)
                .where(CARD_PLANNED_FILES.ID.eq(file.toString()))
                .fetchOptional(JooqCardRepository::toDomain);
    }

    @Override
    public RankedSiblings<CardId> plannedFileRanks() {
        return plannedFileRanks;
    }

    /** A second plan for the same path on one card is a conflict naming the field. */
    private static int uniquePath(Supplier<Integer> write) {
        try {
            return write.get();
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "card_planned_files_path_key")
                    || Constraints.isUniqueViolation(e, "card_planned_files.logical_path")) {
                throw ConflictException.duplicate("planned file on this card", "logicalPath");
            }
            throw e;
        }
    }

    private static CardsRecord toRecord(Card c) {
        return new CardsRecord(
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

    static Card toDomain(CardsRecord r) {
        return new Card(
                CardId.parse(r.getId()),
                ActivityId.parse(r.getActivityId()),
                ProjectId.parse(r.getProjectId()),
                r.getTitle(),
                r.getDescription(),
                CardStatus.parse(r.getStatus()),
                CardPriority.parse(r.getPriority()),
                BuildState.parse(r.getBuildState()),
                new Rank(r.getRank()),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }

    private static CardPlannedFilesRecord toRecord(PlannedFile f) {
        return new CardPlannedFilesRecord(
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

    private static PlannedFile toDomain(CardPlannedFilesRecord r) {
        return new PlannedFile(
                PlannedFileId.parse(r.getId()),
                CardId.parse(r.getCardId()),
                r.getLogicalPath(),
                Optional.ofNullable(r.getModuleHint()),
                ArtifactKind.parse(r.getArtifactKind()),
                FileAction.parse(r.getAction()),
                r.getIntentSummary(),
                Optional.ofNullable(r.getContractNotes()),
                PlannedFileStatus.parse(r.getStatus()),
                new Rank(r.getRank()),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }
}
