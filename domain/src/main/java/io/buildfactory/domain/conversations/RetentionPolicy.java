package io.buildfactory.domain.conversations;

import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.shared.Ulid;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored retention rule and where it applies. The target names the project (its key) or the conversation (its
 * id); the global default's target is {@value #GLOBAL_TARGET}.
 */
public record RetentionPolicy(
        RetentionPolicyId id,
        RetentionScope scope,
        String target,
        RetentionRule rule,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final String GLOBAL_TARGET = "*";
    public static final int MAX_DAYS = 36_500;

    public RetentionPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(rule, "rule");
        target = normalisedTarget(scope, target);
        rule.deleteAfter().ifPresent(d -> {
            if (d.toDays() > MAX_DAYS) {
                throw new InvalidInputException("keepDays", "must be at most " + MAX_DAYS);
            }
        });
        createdAt = Timestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
        updatedAt = Timestamps.stored(Objects.requireNonNull(updatedAt, "updatedAt"));
    }

    /** The target in its stored form; a target that does not fit the scope is a 400 naming {@code target}. */
    public static String normalisedTarget(RetentionScope scope, String target) {
        return switch (scope) {
            case GLOBAL -> {
                if (target != null && !target.isBlank() && !target.equals(GLOBAL_TARGET)) {
                    throw new InvalidInputException("target", "must be empty for the global policy");
                }
                yield GLOBAL_TARGET;
            }
            case PROJECT -> {
                try {
                    yield new ProjectKey(target).value();
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("target", "must be a project key, like BF");
                }
            }
            case CONVERSATION -> {
                if (target == null || !Ulid.isValid(target)) {
                    throw new InvalidInputException("target", "must be a conversation id");
                }
                yield target;
            }
        };
    }

    public RetentionPolicy withRule(RetentionRule newRule, Instant now) {
        return new RetentionPolicy(id, scope, target, newRule, createdAt, now, version);
    }
}
