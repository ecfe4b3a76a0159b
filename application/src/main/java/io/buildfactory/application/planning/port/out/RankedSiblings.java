package io.buildfactory.application.planning.port.out;

import io.buildfactory.domain.planning.Rank;
import java.util.Optional;

/**
 * The ranks of one parent's children (a project's workflows, a card's planned files...): enough to place one
 * child among the others by writing only that child's row.
 *
 * @param <P> the parent's id
 */
public interface RankedSiblings<P> {

    Optional<Rank> first(P parent);

    Optional<Rank> last(P parent);

    /** The smallest rank above {@code rank} among the parent's children. */
    Optional<Rank> after(P parent, Rank rank);

    /** Gives every child of the parent a short rank, evenly spread, in the order they had: rarely needed. */
    void respace(P parent);
}
