package io.buildfactory.persistence.orchestration;

import static io.buildfactory.persistence.jooq.Tables.MEMORY_RETRIEVALS;

import com.fasterxml.jackson.core.type.TypeReference;
import io.buildfactory.application.orchestration.port.out.RetrievalLog;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.memory.MemoryScope;
import io.buildfactory.domain.memory.MemoryUnitId;
import io.buildfactory.domain.memory.Retrieval;
import io.buildfactory.domain.memory.RetrievalId;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.JsonText;
import io.buildfactory.persistence.jooq.tables.records.MemoryRetrievalsRecord;
import java.util.List;
import java.util.Optional;

/**
 * Retrievals in {@code memory_retrievals}: scopes and hits as JSON arrays, hits naming units by id without a
 * foreign key, so the log still says what a run was told after a unit is deleted.
 */
public final class JooqRetrievalLog implements RetrievalLog {

    record StoredScope(String scope, String id) {}

    record StoredHit(String unitId, int rank, double score) {}

    private static final TypeReference<List<StoredScope>> SCOPES = new TypeReference<>() {};
    private static final TypeReference<List<StoredHit>> HITS = new TypeReference<>() {};

    private final Database db;

    public JooqRetrievalLog(Database db) {
        this.db = db;
    }

    @Override
    public void append(Retrieval r) {
        MemoryRetrievalsRecord record = new MemoryRetrievalsRecord();
        record.setId(r.id().toString());
        record.setProjectId(r.project().toString());
        record.setQuery(r.query());
        record.setScopes(JsonText.write(r.scopes().stream()
                .map(s -> new StoredScope(s.kind().code(), s.id().value()))
                .toList()));
        record.setRunId(r.run().map(RunId::toString).orElse(null));
        record.setExecutionId(r.execution().map(ExecutionId::toString).orElse(null));
        record.setRetrievedBy(r.retrievedBy().toString());
        record.setRetrievedAt(r.retrievedAt());
        record.setHits(JsonText.write(r.hits().stream()
                .map(h -> new StoredHit(h.unit().toString(), h.rank(), h.score()))
                .toList()));
        db.dsl().executeInsert(record);
    }

    @Override
    public Page<Retrieval> ofRun(RunId run, PageRequest page) {
        var query = db.dsl().selectFrom(MEMORY_RETRIEVALS).where(MEMORY_RETRIEVALS.RUN_ID.eq(run.toString()));
        page.after().ifPresent(id -> query.and(MEMORY_RETRIEVALS.ID.lt(id)));
        return Page.of(
                query.orderBy(MEMORY_RETRIEVALS.ID.desc())
                        .limit(page.limit() + 1)
                        .fetch(JooqRetrievalLog::toDomain),
                page.limit(),
                r -> r.id().toString());
    }

    private static Retrieval toDomain(MemoryRetrievalsRecord r) {
        return new Retrieval(
                RetrievalId.parse(r.getId()),
                ProjectId.parse(r.getProjectId()),
                r.getQuery(),
                JsonText.read(r.getScopes(), SCOPES).stream()
                        .map(s -> MemoryScope.parse(s.scope(), s.id()))
                        .toList(),
                Optional.ofNullable(r.getRunId()).map(RunId::parse),
                Optional.ofNullable(r.getExecutionId()).map(ExecutionId::parse),
                UserId.parse(r.getRetrievedBy()),
                r.getRetrievedAt(),
                JsonText.read(r.getHits(), HITS).stream()
                        .map(h -> new Retrieval.Hit(MemoryUnitId.parse(h.unitId()), h.rank(), h.score()))
                        .toList());
    }
}
