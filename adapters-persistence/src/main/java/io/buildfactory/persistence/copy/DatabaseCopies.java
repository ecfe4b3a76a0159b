package io.buildfactory.persistence.copy;

import static io.buildfactory.persistence.jooq.Tables.DATABASE_COPIES;

import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.persistence.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** The copies made into a database ({@code database_copies}), and the refusal to serve one left half-copied. */
public final class DatabaseCopies {

    private DatabaseCopies() {}

    /** A copy into this database that began and never finished: the database holds only part of its source. */
    public record Incomplete(String source, Instant startedAt) {
        public String message() {
            return "this database holds an incomplete copy of " + source + " (started " + startedAt + "): rerun "
                    + "`build-factory db copy --to <this database> --force` with DATABASE_URL naming the source, "
                    + "or point DATABASE_URL back at the source";
        }
    }

    /** Thrown at start-up on a database with an {@link Incomplete} copy. */
    public static final class IncompleteCopyException extends RuntimeException {
        public IncompleteCopyException(Incomplete copy) {
            super(copy.message());
        }
    }

    /** Refuses a database an interrupted (or failed) copy left: serving it would serve part of its source. */
    public static void requireNoIncompleteCopy(Database database) {
        incomplete(database).ifPresent(copy -> {
            throw new IncompleteCopyException(copy);
        });
    }

    /** The unfinished copy into {@code database}, if any; none on a database older than the table that records them. */
    public static Optional<Incomplete> incomplete(Database database) {
        if (!hasTable(database)) {
            return Optional.empty();
        }
        return unfinished(database.dsl());
    }

    static Optional<Incomplete> unfinished(DSLContext dsl) {
        return dsl.selectFrom(DATABASE_COPIES)
                .where(DATABASE_COPIES.FINISHED_AT.isNull())
                .orderBy(DATABASE_COPIES.STARTED_AT)
                .limit(1)
                .fetchOptional(r -> new Incomplete(r.getSource(), r.getStartedAt()));
    }

    private static boolean hasTable(Database database) {
        try (Connection c = database.dataSource().getConnection();
                ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), CopiedTables.COPIES, null)) {
            return tables.next();
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("cannot read the tables of " + database.location(), e);
        }
    }

    static void begin(DSLContext dsl, String id, String source, Instant at) {
        dsl.deleteFrom(DATABASE_COPIES)
                .where(DATABASE_COPIES.FINISHED_AT.isNull())
                .execute();
        dsl.insertInto(DATABASE_COPIES)
                .set(DATABASE_COPIES.ID, id)
                .set(DATABASE_COPIES.SOURCE, source)
                .set(DATABASE_COPIES.STARTED_AT, Timestamps.stored(at))
                .execute();
    }

    static void finish(DSLContext dsl, String id, long rows, Instant at) {
        dsl.update(DATABASE_COPIES)
                .set(DATABASE_COPIES.FINISHED_AT, Timestamps.stored(at))
                .set(DATABASE_COPIES.ROWS_COPIED, rows)
                .where(DATABASE_COPIES.ID.eq(id))
                .execute();
    }
}
