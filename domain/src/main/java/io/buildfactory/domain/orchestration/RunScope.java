package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.WorkflowId;
import java.util.Objects;

/** What a run builds: a whole workflow's cards, or one card. */
public sealed interface RunScope {

    String code();

    record OfWorkflow(WorkflowId workflow) implements RunScope {
        public OfWorkflow {
            Objects.requireNonNull(workflow, "workflow");
        }

        @Override
        public String code() {
            return "workflow";
        }
    }

    record OfCard(CardId card) implements RunScope {
        public OfCard {
            Objects.requireNonNull(card, "card");
        }

        @Override
        public String code() {
            return "card";
        }
    }
}
