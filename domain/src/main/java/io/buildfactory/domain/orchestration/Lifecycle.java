package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Codes;
import io.buildfactory.domain.shared.RuleViolationException;
import java.util.Set;

/**
 * A state machine's states: each says where it may go next. {@link #check} refuses any other move with a rule
 * violation naming both states, so an illegal move is a 409 and changes nothing.
 */
public interface Lifecycle<S extends Enum<S> & Lifecycle<S>> {

    Set<S> next();

    default boolean terminal() {
        return next().isEmpty();
    }

    /** {@code to}, if this state may move there; else the refusal. */
    @SuppressWarnings("unchecked")
    default S check(S to, String what) {
        if (!next().contains(to)) {
            S from = (S) this;
            throw new RuleViolationException(
                    what + "-transition",
                    "a " + what + " cannot go from " + Codes.of(from) + " to " + Codes.of(to)
                            + (terminal() ? " (" + Codes.of(from) + " is final)" : ""));
        }
        return to;
    }
}
