package io.buildfactory.application.orchestration.port.out;

import io.buildfactory.domain.memory.MemoryScope;
import io.buildfactory.domain.memory.MemoryUnit;
import io.buildfactory.domain.memory.MemoryUnitId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Memory units, their scopes and their full-text index. Every engine indexes {@link MemoryUnit#searchable()}
 * and stems it in English; a unit matches a search when it holds every term.
 */
public interface MemoryRepository {

    /** A unit found by a search: its engine score, higher is better (comparable within one answer only). */
    record Match(MemoryUnit unit, double score) {}

    /** Writes the unit, its relations (a duplicate pair is a conflict on {@code scopes}) and its index entry. */
    void insert(MemoryUnit unit, List<MemoryScope> scopes);

    Optional<MemoryUnit> find(MemoryUnitId unit);

    /** The unit's scopes, widest kind first. */
    default List<MemoryScope> scopesOf(MemoryUnitId unit) {
        return scopesOf(List.of(unit)).getOrDefault(unit, List.of());
    }

    /** The scopes of all these units in one read, each unit's widest kind first; a unit with none is absent. */
    Map<MemoryUnitId, List<MemoryScope>> scopesOf(Collection<MemoryUnitId> units);

    /** A relation the unit already has is a duplicate conflict on {@code scope}. */
    void relate(MemoryUnitId unit, MemoryScope scope, Instant at);

    /** @return whether the relation existed */
    boolean unrelate(MemoryUnitId unit, MemoryScope scope);

    /** Removes the unit, its relations and its index entry; @return whether it existed */
    boolean delete(MemoryUnitId unit);

    /** A project's units, newest first, those related to {@code scope} when one is given; the cursor is a unit id. */
    Page<MemoryUnit> list(ProjectId project, Optional<MemoryScope> scope, PageRequest page);

    /**
     * The project's units holding every term, best first (ties newest first), at most {@code limit}; when
     * {@code scopes} is not empty, only units related to at least one of them.
     */
    List<Match> search(ProjectId project, List<String> terms, List<MemoryScope> scopes, int limit);
}
