package io.buildfactory.persistence.conversations;

import static io.buildfactory.persistence.jooq.Tables.CONVERSATIONS;
import static io.buildfactory.persistence.jooq.Tables.CONVERSATION_HISTORY;
import static io.buildfactory.persistence.jooq.Tables.CONVERSATION_PARTICIPANTS;
import static io.buildfactory.persistence.jooq.Tables.EXCHANGE_RECORDS;
import static io.buildfactory.persistence.jooq.Tables.RETENTION_POLICIES;

import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.ExchangeId;
import io.buildfactory.domain.conversations.Membership;
import io.buildfactory.domain.conversations.Participant;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.conversations.RetentionScope;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.JsonText;
import io.buildfactory.persistence.jooq.tables.records.ConversationHistoryRecord;
import io.buildfactory.persistence.jooq.tables.records.ConversationsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

public final class JooqConversationRepository implements ConversationRepository {

    private final Database db;

    public JooqConversationRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Conversation c) {
        references(
                "workItemId",
                "names no work item",
                () -> db.transaction(() -> {
                    db.dsl().executeInsert(toRecord(c));
                    db.dsl()
                            .insertInto(CONVERSATION_PARTICIPANTS)
                            .set(CONVERSATION_PARTICIPANTS.CONVERSATION_ID, c.id().toString())
                            .set(CONVERSATION_PARTICIPANTS.USER_ID, c.ownerId().toString())
                            .set(CONVERSATION_PARTICIPANTS.ROLE, ParticipantRole.OWNER.code())
                            .set(CONVERSATION_PARTICIPANTS.ADDED_AT, c.createdAt())
                            .execute();
                    return null;
                }));
    }

    @Override
    public Conversation update(Conversation c) {
        Conversation next = new Conversation(
                c.id(),
                c.ownerId(),
                c.title(),
                c.projectKey(),
                c.workItemId(),
                c.legalHold(),
                c.exchangeCount(),
                c.createdAt(),
                c.updatedAt(),
                c.deletedAt(),
                c.purgeAt(),
                c.version() + 1);
        // The exchange count is not written: appends move it under the row lock, without a version.
        int updated = db.transaction(() -> db.dsl()
                .update(CONVERSATIONS)
                .set(CONVERSATIONS.TITLE, next.title())
                .set(
                        CONVERSATIONS.PROJECT_KEY,
                        next.projectKey().map(ProjectKey::value).orElse(null))
                .set(
                        CONVERSATIONS.WORK_ITEM_ID,
                        next.workItemId().map(WorkItemId::toString).orElse(null))
                .set(CONVERSATIONS.LEGAL_HOLD, next.legalHold())
                // An append may have moved the last activity since this copy was read: never move it back.
                .set(
                        CONVERSATIONS.UPDATED_AT,
                        DSL.greatest(CONVERSATIONS.UPDATED_AT, DSL.val(next.updatedAt(), CONVERSATIONS.UPDATED_AT)))
                .set(CONVERSATIONS.DELETED_AT, next.deletedAt().orElse(null))
                .set(CONVERSATIONS.PURGE_AT, next.purgeAt().orElse(null))
                .set(CONVERSATIONS.VERSION, next.version())
                .where(CONVERSATIONS.ID.eq(c.id().toString()))
                .and(CONVERSATIONS.VERSION.eq(c.version()))
                .execute());
        if (updated == 0) {
            throw ConflictException.staleVersion("conversation", c.id(), c.version());
        }
        return next;
    }

    @Override
    public Optional<Conversation> findById(ConversationId id) {
        return db.dsl()
                .selectFrom(CONVERSATIONS)
                .where(CONVERSATIONS.ID.eq(id.toString()))
                .fetchOptional(JooqConversationRepository::toDomain);
    }

    @Override
    public Optional<Conversation> findForUpdate(ConversationId id) {
        var query = db.dsl().selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id.toString()));
        return db.dialect().lockingRows(query).fetchOptional(JooqConversationRepository::toDomain);
    }

    @Override
    public Page<Membership> listFor(UserId user, PageRequest page) {
        var rows = db.dsl()
                .select(CONVERSATIONS.fields())
                .select(CONVERSATION_PARTICIPANTS.ROLE)
                .from(CONVERSATION_PARTICIPANTS)
                .join(CONVERSATIONS)
                .on(CONVERSATIONS.ID.eq(CONVERSATION_PARTICIPANTS.CONVERSATION_ID))
                .where(CONVERSATION_PARTICIPANTS.USER_ID.eq(user.toString()))
                .and(CONVERSATIONS.DELETED_AT.isNull())
                .and(page.after()
                        .map(CONVERSATION_PARTICIPANTS.CONVERSATION_ID::lt)
                        .orElse(DSL.noCondition()))
                .orderBy(CONVERSATION_PARTICIPANTS.CONVERSATION_ID.desc())
                .limit(page.limit() + 1)
                .fetch(r -> new Membership(
                        toDomain(r.into(CONVERSATIONS)),
                        ParticipantRole.fromCode(r.get(CONVERSATION_PARTICIPANTS.ROLE))));
        return Page.of(rows, page.limit(), m -> m.conversation().id().toString());
    }

    @Override
    public List<Conversation> ownedBy(UserId owner) {
        return db.dsl()
                .selectFrom(CONVERSATIONS)
                .where(CONVERSATIONS.OWNER_ID.eq(owner.toString()))
                .orderBy(CONVERSATIONS.ID)
                .fetch(JooqConversationRepository::toDomain);
    }

    @Override
    public List<Participant> participants(ConversationId id) {
        return db.dsl()
                .selectFrom(CONVERSATION_PARTICIPANTS)
                .where(CONVERSATION_PARTICIPANTS.CONVERSATION_ID.eq(id.toString()))
                .orderBy(CONVERSATION_PARTICIPANTS.ADDED_AT, CONVERSATION_PARTICIPANTS.USER_ID)
                .fetch(r -> new Participant(
                        UserId.parse(r.getUserId()), ParticipantRole.fromCode(r.getRole()), r.getAddedAt()));
    }

    @Override
    public Optional<Standing> findWithRole(ConversationId id, UserId user) {
        return db.dsl()
                .select(CONVERSATIONS.fields())
                .select(CONVERSATION_PARTICIPANTS.ROLE)
                .from(CONVERSATIONS)
                .leftJoin(CONVERSATION_PARTICIPANTS)
                .on(CONVERSATION_PARTICIPANTS.CONVERSATION_ID.eq(CONVERSATIONS.ID))
                .and(CONVERSATION_PARTICIPANTS.USER_ID.eq(user.toString()))
                .where(CONVERSATIONS.ID.eq(id.toString()))
                .fetchOptional(r -> new Standing(
                        toDomain(r.into(CONVERSATIONS)),
                        Optional.ofNullable(r.get(CONVERSATION_PARTICIPANTS.ROLE))
                                .map(ParticipantRole::fromCode)));
    }

    @Override
    public void saveParticipant(ConversationId id, Participant p) {
        references(
                "userId",
                "names no user",
                () -> db.transaction(() -> {
                    int changed = db.dsl()
                            .update(CONVERSATION_PARTICIPANTS)
                            .set(CONVERSATION_PARTICIPANTS.ROLE, p.role().code())
                            .where(CONVERSATION_PARTICIPANTS.CONVERSATION_ID.eq(id.toString()))
                            .and(CONVERSATION_PARTICIPANTS.USER_ID.eq(p.userId().toString()))
                            .execute();
                    if (changed == 0) {
                        db.dsl()
                                .insertInto(CONVERSATION_PARTICIPANTS)
                                .set(CONVERSATION_PARTICIPANTS.CONVERSATION_ID, id.toString())
                                .set(
                                        CONVERSATION_PARTICIPANTS.USER_ID,
                                        p.userId().toString())
                                .set(CONVERSATION_PARTICIPANTS.ROLE, p.role().code())
                                .set(CONVERSATION_PARTICIPANTS.ADDED_AT, p.addedAt())
                                .execute();
                    }
                    return null;
                }));
    }

    @Override
    public boolean removeParticipant(ConversationId id, UserId user) {
        return db.transaction(() -> db.dsl()
                        .deleteFrom(CONVERSATION_PARTICIPANTS)
                        .where(CONVERSATION_PARTICIPANTS.CONVERSATION_ID.eq(id.toString()))
                        .and(CONVERSATION_PARTICIPANTS.USER_ID.eq(user.toString()))
                        .execute())
                > 0;
    }

    @Override
    public long claimSequence(ConversationId id, Instant now) {
        return db.transaction(() -> db.dsl()
                .update(CONVERSATIONS)
                .set(CONVERSATIONS.EXCHANGE_COUNT, CONVERSATIONS.EXCHANGE_COUNT.plus(1))
                .set(CONVERSATIONS.UPDATED_AT, Timestamps.stored(now))
                .where(CONVERSATIONS.ID.eq(id.toString()))
                .returningResult(CONVERSATIONS.EXCHANGE_COUNT)
                .fetchOptional(CONVERSATIONS.EXCHANGE_COUNT)
                .orElseThrow(() -> new NotFoundException("conversation", id)));
    }

    @Override
    public void recordEvent(ConversationEvent e) {
        db.transaction(() -> db.dsl()
                .insertInto(CONVERSATION_HISTORY)
                .set(CONVERSATION_HISTORY.ID, e.id().value())
                .set(CONVERSATION_HISTORY.CONVERSATION_ID, e.conversationId().toString())
                .set(
                        CONVERSATION_HISTORY.EXCHANGE_ID,
                        e.exchangeId().map(ExchangeId::toString).orElse(null))
                .set(CONVERSATION_HISTORY.EVENT, e.event())
                .set(
                        CONVERSATION_HISTORY.ACTOR_ID,
                        e.actorId().map(UserId::toString).orElse(null))
                .set(CONVERSATION_HISTORY.DETAILS, JsonText.of(new TreeMap<>(e.details())))
                .set(CONVERSATION_HISTORY.RECORDED_AT, e.recordedAt())
                .execute());
    }

    @Override
    public int forgetInHistory(UserId user) {
        String id = user.toString();
        return db.transaction(() -> {
            int changed = 0;
            for (ConversationHistoryRecord r : db.dsl()
                    .selectFrom(CONVERSATION_HISTORY)
                    .where(CONVERSATION_HISTORY.DETAILS.cast(String.class).contains(id))
                    .fetch()) {
                TreeMap<String, String> details = new TreeMap<>(JsonText.stringMap(r.getDetails()));
                details.replaceAll((k, v) -> v.equals(id) ? "erased" : v);
                changed += db.dsl()
                        .update(CONVERSATION_HISTORY)
                        .set(CONVERSATION_HISTORY.DETAILS, JsonText.of(details))
                        .where(CONVERSATION_HISTORY.ID.eq(r.getId()))
                        .execute();
            }
            return changed;
        });
    }

    @Override
    public Page<ConversationEvent> history(ConversationId id, PageRequest page) {
        var rows = db.dsl()
                .selectFrom(CONVERSATION_HISTORY)
                .where(CONVERSATION_HISTORY.CONVERSATION_ID.eq(id.toString()))
                .and(page.after().map(CONVERSATION_HISTORY.ID::gt).orElse(DSL.noCondition()))
                .orderBy(CONVERSATION_HISTORY.ID)
                .limit(page.limit() + 1)
                .fetch(JooqConversationRepository::toEvent);
        return Page.of(rows, page.limit(), e -> e.id().value());
    }

    @Override
    public List<RetentionCandidate> retentionCandidates(
            Optional<ConversationId> after, Instant inactiveSince, Instant now, int limit) {
        return db.dsl()
                .select(CONVERSATIONS.ID, CONVERSATIONS.PROJECT_KEY, CONVERSATIONS.UPDATED_AT, CONVERSATIONS.PURGE_AT)
                .from(CONVERSATIONS)
                .where(CONVERSATIONS.LEGAL_HOLD.isFalse())
                .and(CONVERSATIONS.UPDATED_AT.le(inactiveSince).or(CONVERSATIONS.PURGE_AT.le(now)))
                .and(after.map(a -> CONVERSATIONS.ID.gt(a.toString())).orElse(DSL.noCondition()))
                .orderBy(CONVERSATIONS.ID)
                .limit(limit)
                .fetch(r -> new RetentionCandidate(
                        ConversationId.parse(r.get(CONVERSATIONS.ID)),
                        Optional.ofNullable(r.get(CONVERSATIONS.PROJECT_KEY)).map(ProjectKey::new),
                        r.get(CONVERSATIONS.UPDATED_AT),
                        Optional.ofNullable(r.get(CONVERSATIONS.PURGE_AT))));
    }

    @Override
    public Optional<Purged> purge(ConversationId id) {
        String key = id.toString();
        return db.transaction(() -> {
            // Children first and explicitly, so the counts are what each delete removed.
            long history = db.dsl()
                    .deleteFrom(CONVERSATION_HISTORY)
                    .where(CONVERSATION_HISTORY.CONVERSATION_ID.eq(key))
                    .execute();
            long exchanges = db.dsl()
                    .deleteFrom(EXCHANGE_RECORDS)
                    .where(EXCHANGE_RECORDS.CONVERSATION_ID.eq(key))
                    .execute();
            long participants = db.dsl()
                    .deleteFrom(CONVERSATION_PARTICIPANTS)
                    .where(CONVERSATION_PARTICIPANTS.CONVERSATION_ID.eq(key))
                    .execute();
            db.dsl()
                    .deleteFrom(RETENTION_POLICIES)
                    .where(RETENTION_POLICIES.SCOPE.eq(RetentionScope.CONVERSATION.code()))
                    .and(RETENTION_POLICIES.TARGET.eq(key))
                    .execute();
            boolean existed = db.dsl()
                            .deleteFrom(CONVERSATIONS)
                            .where(CONVERSATIONS.ID.eq(key))
                            .execute()
                    > 0;
            return existed ? Optional.of(new Purged(exchanges, participants, history)) : Optional.<Purged>empty();
        });
    }

    /** Runs {@code work}; a reference to a missing row becomes a 400 naming {@code field}. */
    private static <T> T references(String field, String problem, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            if (Constraints.isForeignKeyViolation(e)) {
                throw new InvalidInputException(field, problem);
            }
            throw e;
        }
    }

    private static ConversationsRecord toRecord(Conversation c) {
        ConversationsRecord r = new ConversationsRecord();
        r.setId(c.id().toString());
        r.setOwnerId(c.ownerId().toString());
        r.setTitle(c.title());
        r.setProjectKey(c.projectKey().map(ProjectKey::value).orElse(null));
        r.setWorkItemId(c.workItemId().map(WorkItemId::toString).orElse(null));
        r.setLegalHold(c.legalHold());
        r.setExchangeCount(c.exchangeCount());
        r.setCreatedAt(c.createdAt());
        r.setUpdatedAt(c.updatedAt());
        r.setDeletedAt(c.deletedAt().orElse(null));
        r.setPurgeAt(c.purgeAt().orElse(null));
        r.setVersion(c.version());
        return r;
    }

    private static Conversation toDomain(ConversationsRecord r) {
        return new Conversation(
                ConversationId.parse(r.getId()),
                UserId.parse(r.getOwnerId()),
                r.getTitle(),
                Optional.ofNullable(r.getProjectKey()).map(ProjectKey::new),
                Optional.ofNullable(r.getWorkItemId()).map(w -> new WorkItemId(new Ulid(w))),
                Boolean.TRUE.equals(r.getLegalHold()),
                r.getExchangeCount(),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                Optional.ofNullable(r.getDeletedAt()),
                Optional.ofNullable(r.getPurgeAt()),
                r.getVersion());
    }

    private static ConversationEvent toEvent(ConversationHistoryRecord r) {
        return new ConversationEvent(
                new Ulid(r.getId()),
                ConversationId.parse(r.getConversationId()),
                Optional.ofNullable(r.getExchangeId()).map(ExchangeId::parse),
                r.getEvent(),
                Optional.ofNullable(r.getActorId()).map(UserId::parse),
                JsonText.stringMap(r.getDetails()),
                r.getRecordedAt());
    }
}
