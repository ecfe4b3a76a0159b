package io.buildfactory.persistence.conversations;

import static io.buildfactory.persistence.jooq.Tables.EXCHANGE_RECORDS;

import com.fasterxml.jackson.core.type.TypeReference;
import io.buildfactory.application.conversations.port.out.ExchangeRepository;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeId;
import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.conversations.SensitiveKind;
import io.buildfactory.domain.conversations.TokenUsage;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Cursors;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.JsonText;
import io.buildfactory.persistence.jooq.tables.records.ExchangeRecordsRecord;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;

public final class JooqExchangeRepository implements ExchangeRepository {

    private final Database db;

    public JooqExchangeRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Exchange exchange) {
        try {
            db.transaction(() -> db.dsl().executeInsert(toRecord(exchange)));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "sequence")) {
                throw ConflictException.duplicate("exchange", "sequence");
            }
            throw e;
        }
    }

    @Override
    public Exchange update(Exchange e) {
        Exchange next = new Exchange(
                e.id(),
                e.conversationId(),
                e.sequence(),
                e.authorId(),
                e.agentId(),
                e.requestContent(),
                e.responseContent(),
                e.state(),
                e.tokens(),
                e.findings(),
                e.createdAt(),
                e.updatedAt(),
                e.version() + 1);
        int updated = db.transaction(() -> db.dsl()
                .update(EXCHANGE_RECORDS)
                .set(toRecord(next))
                .where(EXCHANGE_RECORDS.ID.eq(e.id().toString()))
                .and(EXCHANGE_RECORDS.VERSION.eq(e.version()))
                .execute());
        if (updated == 0) {
            throw ConflictException.staleVersion("exchange", e.id(), e.version());
        }
        return next;
    }

    @Override
    public Optional<Exchange> findById(ExchangeId id) {
        return db.dsl()
                .selectFrom(EXCHANGE_RECORDS)
                .where(EXCHANGE_RECORDS.ID.eq(id.toString()))
                .fetchOptional(JooqExchangeRepository::toDomain);
    }

    @Override
    public Page<Exchange> page(ConversationId conversation, PageRequest page) {
        long after = page.after().map(Cursors::sequence).orElse(0L);
        var rows = db.dsl()
                .selectFrom(EXCHANGE_RECORDS)
                .where(EXCHANGE_RECORDS.CONVERSATION_ID.eq(conversation.toString()))
                .and(EXCHANGE_RECORDS.SEQUENCE.gt(after))
                .orderBy(EXCHANGE_RECORDS.SEQUENCE)
                .limit(page.limit() + 1)
                .fetch(JooqExchangeRepository::toDomain);
        return Page.of(rows, page.limit(), x -> Long.toString(x.sequence()));
    }

    @Override
    public long count(ConversationId conversation) {
        return db.dsl().fetchCount(EXCHANGE_RECORDS, EXCHANGE_RECORDS.CONVERSATION_ID.eq(conversation.toString()));
    }

    private static ExchangeRecordsRecord toRecord(Exchange e) {
        ExchangeRecordsRecord r = new ExchangeRecordsRecord(
                e.id().toString(),
                e.conversationId().toString(),
                e.sequence(),
                e.authorId().map(UserId::toString).orElse(null),
                e.agentId(),
                e.requestContent(),
                e.responseContent().orElse(null),
                e.state().code(),
                e.tokens().input(),
                e.tokens().output(),
                e.createdAt(),
                e.updatedAt(),
                e.version(),
                null);
        Map<String, Integer> findings = new TreeMap<>();
        e.findings().forEach((kind, n) -> findings.put(kind.code(), n));
        r.setFindings(JsonText.write(findings));
        return r;
    }

    private static final TypeReference<TreeMap<String, Integer>> COUNTS = new TypeReference<>() {};

    private static Map<SensitiveKind, Integer> findings(JSONB json) {
        Map<SensitiveKind, Integer> found = new EnumMap<>(SensitiveKind.class);
        JsonText.read(json, COUNTS).forEach((code, n) -> found.put(SensitiveKind.fromCode(code), n));
        return found;
    }

    private static Exchange toDomain(ExchangeRecordsRecord r) {
        return new Exchange(
                ExchangeId.parse(r.getId()),
                ConversationId.parse(r.getConversationId()),
                r.getSequence(),
                Optional.ofNullable(r.getAuthorId()).map(UserId::parse),
                r.getAgentId(),
                r.getRequestContent(),
                Optional.ofNullable(r.getResponseContent()),
                ExchangeState.fromCode(r.getState()),
                new TokenUsage(r.getInputTokens(), r.getOutputTokens()),
                findings(r.getFindings()),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }
}
