package io.buildfactory.domain.shared;

/** A business rule refuses the request in the current state, e.g. an illegal state transition. */
public non-sealed class RuleViolationException extends DomainException {

    private final String rule;

    public RuleViolationException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** A stable, machine-readable name of the rule, e.g. {@code exchange-transition}. */
    public String rule() {
        return rule;
    }
}
