package io.buildfactory.domain.memory;

import io.buildfactory.domain.shared.Codes;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/**
 * Where a memory unit applies: its project, one of the project's workflows or cards, or one run. A unit relates
 * to a scope at most once; every unit relates to its own project.
 */
public record MemoryScope(Kind kind, Ulid id) {

    /** The kinds of scope, widest first. */
    public enum Kind {
        PROJECT,
        WORKFLOW,
        CARD,
        RUN;

        public String code() {
            return Codes.of(this);
        }

        public static Kind parse(String code) {
            return Codes.parse(Kind.class, "scope", code);
        }
    }

    public MemoryScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    /** A scope as the API sends it: its kind and the id of its target. */
    public static MemoryScope parse(String kind, String id) {
        if (kind == null) {
            throw new InvalidInputException("scope", "is required: one of project, workflow, card, run");
        }
        return new MemoryScope(Kind.parse(kind), Ulid.parse("id", id));
    }

    @Override
    public String toString() {
        return kind.code() + ":" + id.value();
    }
}
