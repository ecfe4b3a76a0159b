package io.buildfactory.domain.memory;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.projects.ProjectId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One search of a project's memory as it was answered: the query (redacted, as any stored text), the scopes it
 * was limited to, the run and execution it served, and the units it returned with their rank and score. Kept
 * so that what an agent was told can be read back per run, even after a unit is deleted.
 */
public record Retrieval(
        RetrievalId id,
        ProjectId project,
        String query,
        List<MemoryScope> scopes,
        Optional<RunId> run,
        Optional<ExecutionId> execution,
        UserId retrievedBy,
        Instant retrievedAt,
        List<Hit> hits) {

    /** A unit returned: its place in the answer (1 first), and the engine's score (higher is better). */
    public record Hit(MemoryUnitId unit, int rank, double score) {
        public Hit {
            Objects.requireNonNull(unit, "unit");
        }
    }

    public Retrieval {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(query, "query");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(retrievedBy, "retrievedBy");
        Objects.requireNonNull(retrievedAt, "retrievedAt");
        hits = List.copyOf(hits);
    }
}
