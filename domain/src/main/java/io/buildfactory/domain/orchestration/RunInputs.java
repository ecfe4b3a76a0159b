package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.PolicyProfile;
import java.util.List;
import java.util.Objects;

/**
 * What a run was given, frozen when it was queued: each card with its knowledge, planned files and artifacts,
 * and the policy profile then in force. Later edits of the plan do not change what the run set out to build.
 */
public record RunInputs(List<CardPage> cards, PolicyProfile profile) {

    public RunInputs {
        cards = List.copyOf(cards);
        Objects.requireNonNull(profile, "profile");
    }
}
