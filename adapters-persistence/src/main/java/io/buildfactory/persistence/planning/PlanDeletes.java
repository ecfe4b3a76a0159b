package io.buildfactory.persistence.planning;

import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.persistence.Constraints;
import java.util.function.IntSupplier;
import org.jooq.exception.DataAccessException;

/**
 * Deleting planned work that runs have built is refused by the database (runs and assignments reference their
 * workflow and cards with {@code ON DELETE RESTRICT}: lineage outlives the plan's edits); here that refusal
 * becomes a rule the caller can read.
 */
final class PlanDeletes {

    private PlanDeletes() {}

    static int refusedWhileBuilt(String what, IntSupplier delete) {
        try {
            return delete.getAsInt();
        } catch (DataAccessException e) {
            if (Constraints.isForeignKeyViolation(e)) {
                throw new RuleViolationException(
                        "built",
                        "the " + what + " (or a card under it) has orchestration runs, whose lineage keeps it;"
                                + " mark its cards done instead of deleting it");
            }
            throw e;
        }
    }
}
