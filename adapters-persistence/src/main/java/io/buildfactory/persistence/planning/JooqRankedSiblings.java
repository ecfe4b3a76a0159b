package io.buildfactory.persistence.planning;

import io.buildfactory.application.planning.port.out.RankedSiblings;
import io.buildfactory.domain.planning.Rank;
import io.buildfactory.persistence.Database;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;

/**
 * The ranks under one parent in one table, read through the table's unique (parent, rank) index. Ranks compare
 * byte by byte on both databases (BINARY on SQLite, {@code COLLATE "C"} on PostgreSQL), as {@link Rank} does.
 */
final class JooqRankedSiblings<P> implements RankedSiblings<P> {

    private final Database db;
    private final Table<?> table;
    private final Field<String> id;
    private final Field<String> parent;
    private final Field<String> rank;

    JooqRankedSiblings(Database db, Table<?> table, Field<String> id, Field<String> parent, Field<String> rank) {
        this.db = db;
        this.table = table;
        this.id = id;
        this.parent = parent;
        this.rank = rank;
    }

    private Condition under(P p) {
        return parent.eq(p.toString());
    }

    @Override
    public Optional<Rank> first(P p) {
        return db.dsl()
                .select(rank)
                .from(table)
                .where(under(p))
                .orderBy(rank.asc())
                .limit(1)
                .fetchOptional(r -> new Rank(r.value1()));
    }

    @Override
    public Optional<Rank> last(P p) {
        return db.dsl()
                .select(rank)
                .from(table)
                .where(under(p))
                .orderBy(rank.desc())
                .limit(1)
                .fetchOptional(r -> new Rank(r.value1()));
    }

    @Override
    public Optional<Rank> after(P p, Rank r) {
        return db.dsl()
                .select(rank)
                .from(table)
                .where(under(p))
                .and(rank.gt(r.value()))
                .orderBy(rank.asc())
                .limit(1)
                .fetchOptional(x -> new Rank(x.value1()));
    }

    /**
     * Two passes, so that no write ever meets the unique index on a rank another row still holds: first every
     * row gets a rank longer than any there is, then the short, evenly spread ranks.
     */
    @Override
    public void respace(P p) {
        db.transaction(() -> {
            List<Record2<String, String>> rows = db.dsl()
                    .select(id, rank)
                    .from(table)
                    .where(under(p))
                    .orderBy(rank.asc())
                    .fetch();
            if (rows.isEmpty()) {
                return null;
            }
            List<Rank> target = Rank.spread(rows.size(), 0);
            int longest = rows.stream().mapToInt(r -> r.value2().length()).max().orElse(1);
            List<Rank> interim = Rank.spread(
                    rows.size(), Math.max(longest, target.getFirst().value().length()) + 1);
            write(rows, interim);
            write(rows, target);
            return null;
        });
    }

    private void write(List<Record2<String, String>> rows, List<Rank> ranks) {
        for (int i = 0; i < rows.size(); i++) {
            db.dsl()
                    .update(table)
                    .set(rank, ranks.get(i).value())
                    .where(id.eq(rows.get(i).value1()))
                    .execute();
        }
    }
}
