package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.RuleViolationException;
import java.util.List;

/** An action refused by its policy gates; carries every verdict, so the caller sees how to recover. */
public final class ActionBlockedException extends RuleViolationException {

    private final transient List<GateVerdict> verdicts;
    private final long policyVersion;

    public ActionBlockedException(Action action, List<GateVerdict> verdicts, long policyVersion) {
        this(action.title(), verdicts, policyVersion);
    }

    /** {@code what} (like "Marking the candidate ready") blocked by the verdicts that stop it. */
    public ActionBlockedException(String what, List<GateVerdict> verdicts, long policyVersion) {
        super(
                "policy-gates",
                what + " is blocked by "
                        + verdicts.stream()
                                .filter(GateVerdict::stops)
                                .map(v -> v.gate().code())
                                .toList());
        this.verdicts = List.copyOf(verdicts);
        this.policyVersion = policyVersion;
    }

    public List<GateVerdict> verdicts() {
        return verdicts;
    }

    public long policyVersion() {
        return policyVersion;
    }
}
