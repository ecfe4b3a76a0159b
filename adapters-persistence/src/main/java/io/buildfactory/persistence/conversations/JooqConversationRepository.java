package io.buildfactory.persistence.conversations;

import static io.buildfactory.persistence.jooq.Tables.CONVERSATIONS;

import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.ConversationsRecord;
import java.util.Optional;
import org.jooq.impl.DSL;

public final class JooqConversationRepository implements ConversationRepository {

    private final Database db;

    public JooqConversationRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Conversation conversation) {
        db.transaction(() -> db.dsl().executeInsert(toRecord(conversation)));
    }

    @Override
    public Conversation update(Conversation c) {
        Conversation next = new Conversation(c.id(), c.ownerId(), c.title(), c.createdAt(), c.updatedAt(),
                c.deletedAt(), c.version() + 1);
        int updated = db.transaction(() -> db.dsl().update(CONVERSATIONS)
                .set(toRecord(next))
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
        return db.dsl().selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id.toString()))
                .fetchOptional(JooqConversationRepository::toDomain);
    }

    @Override
    public Page<Conversation> listOwnedBy(UserId owner, PageRequest page) {
        var rows = db.dsl().selectFrom(CONVERSATIONS)
                .where(CONVERSATIONS.OWNER_ID.eq(owner.toString()))
                .and(CONVERSATIONS.DELETED_AT.isNull())
                .and(page.after().map(CONVERSATIONS.ID::lt).orElse(DSL.noCondition()))
                .orderBy(CONVERSATIONS.ID.desc())
                .limit(page.limit() + 1)
                .fetch(JooqConversationRepository::toDomain);
        return Page.of(rows, page.limit(), c -> c.id().toString());
    }

    @Override
    public boolean purge(ConversationId id) {
        return db.transaction(() -> db.dsl().deleteFrom(CONVERSATIONS)
                .where(CONVERSATIONS.ID.eq(id.toString())).execute()) > 0;
    }

    private static ConversationsRecord toRecord(Conversation c) {
        return new ConversationsRecord(c.id().toString(), c.ownerId().toString(), c.title(), c.createdAt(),
                c.updatedAt(), c.deletedAt().orElse(null), c.version());
    }

    private static Conversation toDomain(ConversationsRecord r) {
        return new Conversation(ConversationId.parse(r.getId()), UserId.parse(r.getOwnerId()), r.getTitle(),
                r.getCreatedAt(), r.getUpdatedAt(), Optional.ofNullable(r.getDeletedAt()), r.getVersion());
    }
}
