package io.buildfactory.application.orchestration.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.memory.MemoryKind;
import io.buildfactory.domain.memory.MemoryScope;
import io.buildfactory.domain.memory.MemoryUnitId;
import io.buildfactory.domain.projects.ProjectKey;
import java.util.List;
import java.util.Optional;

/**
 * Writing a project's memory: units are written whole (their sensitive values redacted or sealed first), related to
 * scopes of their project, and deleted, leaving a tombstone in the audit trail. Needs {@code factory.memory.write}
 * in the project.
 */
public interface KeepMemoryUseCase {

    /** What to remember. Its project is always one of its scopes; the others name the project's workflows, cards and runs. */
    record Remember(
            MemoryKind kind, String source, String content, Optional<String> embeddingRef, List<MemoryScope> scopes) {
        public Remember {
            scopes = List.copyOf(scopes);
        }
    }

    RecallMemoryUseCase.UnitView remember(Actor actor, ProjectKey project, Remember unit);

    RecallMemoryUseCase.UnitView relate(Actor actor, MemoryUnitId unit, MemoryScope scope);

    RecallMemoryUseCase.UnitView unrelate(Actor actor, MemoryUnitId unit, MemoryScope scope);

    void forget(Actor actor, MemoryUnitId unit);
}
