package io.buildfactory.http.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.buildfactory.domain.workitems.GateVerdict;
import java.util.List;

/** Gate verdicts as the API shows them, in problems and in item views alike. */
public final class GateViews {

    private GateViews() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GateView(
            String gate,
            String verdict,
            boolean enforced,
            String cause,
            String policyContext,
            String nextStep,
            String safeRetry) {}

    public static List<GateView> of(List<GateVerdict> verdicts) {
        return verdicts.stream()
                .map(v -> new GateView(
                        v.gate().code(),
                        v.passed() ? "pass" : "blocked",
                        v.enforced(),
                        v.cause().orElse(null),
                        v.policyContext().orElse(null),
                        v.nextStep().orElse(null),
                        v.safeRetry().orElse(null)))
                .toList();
    }
}
