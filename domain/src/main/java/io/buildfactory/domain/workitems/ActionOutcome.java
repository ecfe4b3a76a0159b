package io.buildfactory.domain.workitems;

import java.util.List;
import java.util.Objects;

/** How an action on a work item ended: applied, blocked by its gates, or replayed from its first request. */
public sealed interface ActionOutcome {

    Action action();

    /** The action moved the item: its new state, every gate's verdict, and the policy version that judged it. */
    record Applied(WorkItem item, Action action, List<GateVerdict> verdicts, long policyVersion)
            implements ActionOutcome {

        public Applied {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(action, "action");
            verdicts = List.copyOf(verdicts);
        }
    }

    /** A gate stopped the action; nothing changed. The verdicts say why and how to recover. */
    record Blocked(Action action, List<GateVerdict> verdicts, long policyVersion) implements ActionOutcome {

        public Blocked {
            Objects.requireNonNull(action, "action");
            verdicts = List.copyOf(verdicts);
        }
    }

    /** A retry with the idempotency key of a request that was applied: that first outcome, and nothing done again. */
    record Replayed(Applied first) implements ActionOutcome {

        public Replayed {
            Objects.requireNonNull(first, "first");
        }

        @Override
        public Action action() {
            return first.action();
        }
    }
}
