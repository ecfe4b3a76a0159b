package io.buildfactory.persistence.planning;

import static io.buildfactory.persistence.jooq.Tables.CARD_ASSUMPTIONS;
import static io.buildfactory.persistence.jooq.Tables.CARD_KNOWN_FACTS;
import static io.buildfactory.persistence.jooq.Tables.CARD_QUESTIONS;
import static io.buildfactory.persistence.jooq.Tables.CARD_REQUIREMENTS;

import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.KnowledgeItem;
import io.buildfactory.domain.planning.KnowledgeItemId;
import io.buildfactory.domain.planning.KnowledgeKind;
import io.buildfactory.domain.planning.QuestionStatus;
import io.buildfactory.domain.planning.Rank;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record12;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The four knowledge tables ({@code card_requirements}, {@code card_known_facts}, {@code card_assumptions},
 * {@code card_questions}) seen as one: each kind's columns, with the ones it lacks read as NULL, so that one
 * {@code UNION ALL} reads a card's knowledge (or finds an item by id) in a single query.
 */
final class KnowledgeTables {

    /** One kind's table and columns; a column the kind does not have is null. */
    record Columns(
            KnowledgeKind kind,
            Table<?> table,
            Field<String> id,
            Field<String> card,
            Field<String> text,
            Field<String> source,
            Field<Integer> confidence,
            Field<String> answer,
            Field<String> status,
            Field<String> rank,
            Field<Instant> createdAt,
            Field<Instant> updatedAt,
            Field<Long> version) {}

    static final Map<KnowledgeKind, Columns> BY_KIND = byKind();

    private static Map<KnowledgeKind, Columns> byKind() {
        Map<KnowledgeKind, Columns> m = new LinkedHashMap<>();
        var r = CARD_REQUIREMENTS;
        m.put(
                KnowledgeKind.REQUIREMENT,
                new Columns(
                        KnowledgeKind.REQUIREMENT,
                        r,
                        r.ID,
                        r.CARD_ID,
                        r.TEXT,
                        r.SOURCE,
                        null,
                        null,
                        null,
                        r.RANK,
                        r.CREATED_AT,
                        r.UPDATED_AT,
                        r.VERSION));
        var f = CARD_KNOWN_FACTS;
        m.put(
                KnowledgeKind.KNOWN_FACT,
                new Columns(
                        KnowledgeKind.KNOWN_FACT,
                        f,
                        f.ID,
                        f.CARD_ID,
                        f.TEXT,
                        f.SOURCE,
                        f.CONFIDENCE,
                        null,
                        null,
                        f.RANK,
                        f.CREATED_AT,
                        f.UPDATED_AT,
                        f.VERSION));
        var a = CARD_ASSUMPTIONS;
        m.put(
                KnowledgeKind.ASSUMPTION,
                new Columns(
                        KnowledgeKind.ASSUMPTION,
                        a,
                        a.ID,
                        a.CARD_ID,
                        a.TEXT,
                        a.SOURCE,
                        a.CONFIDENCE,
                        null,
                        null,
                        a.RANK,
                        a.CREATED_AT,
                        a.UPDATED_AT,
                        a.VERSION));
        var q = CARD_QUESTIONS;
        m.put(
                KnowledgeKind.QUESTION,
                new Columns(
                        KnowledgeKind.QUESTION,
                        q,
                        q.ID,
                        q.CARD_ID,
                        q.TEXT,
                        q.SOURCE,
                        null,
                        q.ANSWER,
                        q.STATUS,
                        q.RANK,
                        q.CREATED_AT,
                        q.UPDATED_AT,
                        q.VERSION));
        return Map.copyOf(m);
    }

    private KnowledgeTables() {}

    static Columns of(KnowledgeKind kind) {
        return BY_KIND.get(kind);
    }

    /** Every kind's rows matching {@code where}, one query, in kind then rank order. */
    static List<KnowledgeItem> select(DSLContext dsl, java.util.function.Function<Columns, Condition> where) {
        Select<
                        Record12<
                                String,
                                String,
                                String,
                                String,
                                String,
                                Integer,
                                String,
                                String,
                                String,
                                Instant,
                                Instant,
                                Long>>
                union = null;
        for (KnowledgeKind kind : KnowledgeKind.values()) {
            Columns c = of(kind);
            var select = dsl.select(
                            DSL.inline(kind.code()).as("kind"),
                            c.id().as("id"),
                            c.card().as("card_id"),
                            c.text().as("text"),
                            c.source().as("source"),
                            (c.confidence() == null ? DSL.inline(null, SQLDataType.INTEGER) : c.confidence())
                                    .as("confidence"),
                            (c.answer() == null ? DSL.inline(null, SQLDataType.VARCHAR) : c.answer()).as("answer"),
                            (c.status() == null ? DSL.inline(null, SQLDataType.VARCHAR) : c.status()).as("status"),
                            c.rank().as("rank"),
                            c.createdAt().as("created_at"),
                            c.updatedAt().as("updated_at"),
                            c.version().as("version"))
                    .from(c.table())
                    .where(where.apply(c));
            union = union == null ? select : union.unionAll(select);
        }
        List<KnowledgeItem> items = new ArrayList<>(dsl.fetch(union).map(KnowledgeTables::toDomain));
        items.sort((x, y) -> x.kind() != y.kind()
                ? Integer.compare(x.kind().ordinal(), y.kind().ordinal())
                : x.rank().compareTo(y.rank()));
        return items;
    }

    private static KnowledgeItem toDomain(Record r) {
        KnowledgeKind kind = KnowledgeKind.parse(r.get("kind", String.class));
        return new KnowledgeItem(
                KnowledgeItemId.parse(r.get("id", String.class)),
                CardId.parse(r.get("card_id", String.class)),
                kind,
                r.get("text", String.class),
                Optional.ofNullable(r.get("source", String.class)),
                Optional.ofNullable(r.get("confidence", Integer.class)),
                Optional.ofNullable(r.get("answer", String.class)),
                Optional.ofNullable(r.get("status", String.class)).map(QuestionStatus::parse),
                new Rank(r.get("rank", String.class)),
                r.get("created_at", Instant.class),
                r.get("updated_at", Instant.class),
                r.get("version", Long.class));
    }

    /** The item's columns and values for an insert or an update (without its id and card). */
    static Map<Field<?>, Object> values(Columns c, KnowledgeItem item) {
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        v.put(c.text(), item.text());
        v.put(c.source(), item.source().orElse(null));
        if (c.confidence() != null) {
            v.put(c.confidence(), item.confidence().orElse(null));
        }
        if (c.answer() != null) {
            v.put(c.answer(), item.answer().orElse(null));
            v.put(c.status(), item.questionStatus().map(QuestionStatus::code).orElseThrow());
        }
        v.put(c.rank(), item.rank().value());
        v.put(c.updatedAt(), item.updatedAt());
        v.put(c.version(), item.version());
        return v;
    }

    static List<KnowledgeKind> kinds() {
        return Arrays.asList(KnowledgeKind.values());
    }
}
