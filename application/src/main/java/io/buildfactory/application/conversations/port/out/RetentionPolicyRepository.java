package io.buildfactory.application.conversations.port.out;

import io.buildfactory.domain.conversations.RetentionPolicy;
import io.buildfactory.domain.conversations.RetentionPolicyId;
import io.buildfactory.domain.conversations.RetentionScope;
import java.util.List;
import java.util.Optional;

/** Stored retention policies: at most one per scope and target. */
public interface RetentionPolicyRepository {

    /** A second policy for the same scope and target is a duplicate conflict on {@code target}. */
    void insert(RetentionPolicy policy);

    /** Optimistic: a stale version is a conflict. @return the policy at its next version */
    RetentionPolicy update(RetentionPolicy policy);

    Optional<RetentionPolicy> find(RetentionScope scope, String target);

    Optional<RetentionPolicy> findById(RetentionPolicyId id);

    /** Global first, then projects, then conversations, each by target. */
    List<RetentionPolicy> all();

    boolean delete(RetentionPolicyId id);
}
