package io.buildfactory.application.orchestration.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.memory.MemoryScope;
import io.buildfactory.domain.memory.MemoryUnit;
import io.buildfactory.domain.memory.MemoryUnitId;
import io.buildfactory.domain.memory.Retrieval;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Reading a project's memory: its units, a ranked full-text search (every search logged with what it returned, in
 * the same transaction) and the retrievals that served a run. Needs {@code factory.memory.read} in the project.
 */
public interface RecallMemoryUseCase {

    int DEFAULT_LIMIT = 10;

    int MAX_LIMIT = 50;

    int MAX_SCOPES = 20;

    /** A unit as readers see it (sealed values masked), with its scopes. */
    record UnitView(MemoryUnit unit, String content, List<MemoryScope> scopes) {
        public UnitView {
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * A search: words every unit must hold, the scopes it is limited to (none: the whole project), the run or
     * execution it serves (an execution names its run), and how many units to return.
     */
    record Search(
            String query, List<MemoryScope> scopes, Optional<RunId> run, Optional<ExecutionId> execution, int limit) {
        public Search {
            scopes = List.copyOf(scopes);
        }
    }

    /** A unit returned by a search, in rank order (1 first). */
    record Found(UnitView unit, int rank, double score) {}

    /** The answer, and the log entry that records it. */
    record Answer(Retrieval retrieval, List<Found> units) {
        public Answer {
            units = List.copyOf(units);
        }
    }

    UnitView unit(Actor actor, MemoryUnitId unit);

    Page<UnitView> units(Actor actor, ProjectKey project, Optional<MemoryScope> scope, PageRequest page);

    Answer search(Actor actor, ProjectKey project, Search search);

    Page<Retrieval> retrievals(Actor actor, RunId run, PageRequest page);
}
