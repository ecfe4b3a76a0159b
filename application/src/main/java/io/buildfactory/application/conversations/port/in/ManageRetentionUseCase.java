package io.buildfactory.application.conversations.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.conversations.RetentionPolicy;
import io.buildfactory.domain.conversations.RetentionPolicyId;
import io.buildfactory.domain.conversations.RetentionScope;
import java.util.List;
import java.util.Optional;

/** Retention policies; every call needs {@code factory.retention.manage}. */
public interface ManageRetentionUseCase {

    List<RetentionPolicy> list(Actor actor);

    /**
     * Sets the rule for a scope and target: {@code keepDays} empty keeps forever. Creates the policy, or changes it
     * when {@code version} matches the stored one.
     */
    RetentionPolicy put(
            Actor actor, RetentionScope scope, String target, Optional<Integer> keepDays, Optional<Long> version);

    void remove(Actor actor, RetentionPolicyId id);
}
