package io.buildfactory.domain.workitems;

import java.util.Optional;

/**
 * What a gate says about an action on an item: pass, or blocked with the cause, the policy behind it, the next
 * step and whether retrying is safe. {@code enforced} false means the profile only evaluates this gate.
 */
public record GateVerdict(
        Gate gate,
        boolean passed,
        boolean enforced,
        Optional<String> cause,
        Optional<String> policyContext,
        Optional<String> nextStep,
        Optional<String> safeRetry) {

    public static GateVerdict pass(Gate gate) {
        return new GateVerdict(
                gate, true, true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static GateVerdict blocked(
            Gate gate, String cause, String policyContext, String nextStep, String safeRetry) {
        return new GateVerdict(
                gate,
                false,
                true,
                Optional.of(cause),
                Optional.of(policyContext),
                Optional.of(nextStep),
                Optional.of(safeRetry));
    }

    GateVerdict evaluatedOnly() {
        return new GateVerdict(gate, passed, false, cause, policyContext, nextStep, safeRetry);
    }

    /** A blocked verdict that the profile enforces stops the action. */
    public boolean stops() {
        return !passed && enforced;
    }
}
