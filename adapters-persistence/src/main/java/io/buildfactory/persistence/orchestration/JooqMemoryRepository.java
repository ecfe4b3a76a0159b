package io.buildfactory.persistence.orchestration;

import static io.buildfactory.persistence.jooq.Tables.MEMORY_UNITS;
import static io.buildfactory.persistence.jooq.Tables.MEMORY_UNIT_RELATIONS;

import com.fasterxml.jackson.core.type.TypeReference;
import io.buildfactory.application.orchestration.port.out.MemoryRepository;
import io.buildfactory.domain.conversations.SensitiveKind;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.memory.MemoryKind;
import io.buildfactory.domain.memory.MemoryScope;
import io.buildfactory.domain.memory.MemoryUnit;
import io.buildfactory.domain.memory.MemoryUnitId;
import io.buildfactory.domain.memory.SearchText;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.Dialect;
import io.buildfactory.persistence.InBatches;
import io.buildfactory.persistence.JsonText;
import io.buildfactory.persistence.jooq.tables.records.MemoryUnitRelationsRecord;
import io.buildfactory.persistence.jooq.tables.records.MemoryUnitsRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Memory units in {@code memory_units}, their scopes in {@code memory_unit_relations}, and their full-text index:
 * an FTS5 table kept by triggers on SQLite, a generated {@code tsvector} with a GIN index on PostgreSQL (see
 * {@link Dialect#memoryTextMatch}). Both index {@code search_text}, written here from {@link MemoryUnit#searchable()}.
 */
public final class JooqMemoryRepository implements MemoryRepository {

    private static final TypeReference<TreeMap<String, Integer>> COUNTS = new TypeReference<>() {};

    private final Database db;

    public JooqMemoryRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(MemoryUnit unit, List<MemoryScope> scopes) {
        db.dsl().executeInsert(toRecord(unit));
        for (MemoryScope scope : scopes) {
            relate(unit.id(), scope, "scopes", unit.createdAt());
        }
    }

    @Override
    public Optional<MemoryUnit> find(MemoryUnitId unit) {
        return db.dsl()
                .selectFrom(MEMORY_UNITS)
                .where(MEMORY_UNITS.ID.eq(unit.toString()))
                .fetchOptional(JooqMemoryRepository::toDomain);
    }

    @Override
    public Map<MemoryUnitId, List<MemoryScope>> scopesOf(Collection<MemoryUnitId> units) {
        Comparator<MemoryScope> widestFirst =
                Comparator.comparing(MemoryScope::kind).thenComparing(s -> s.id().value());
        return InBatches.read(
                        units,
                        keys -> db.dsl()
                                .selectFrom(MEMORY_UNIT_RELATIONS)
                                .where(MEMORY_UNIT_RELATIONS.UNIT_ID.in(keys))
                                .fetch())
                .stream()
                .collect(Collectors.groupingBy(
                        r -> MemoryUnitId.parse(r.getUnitId()),
                        Collectors.mapping(
                                r -> new MemoryScope(
                                        MemoryScope.Kind.parse(r.getScope()), Ulid.parse("id", r.getScopeId())),
                                Collectors.collectingAndThen(
                                        Collectors.toList(),
                                        scopes -> scopes.stream()
                                                .sorted(widestFirst)
                                                .toList()))));
    }

    @Override
    public void relate(MemoryUnitId unit, MemoryScope scope, Instant at) {
        relate(unit, scope, "scope", at);
    }

    private void relate(MemoryUnitId unit, MemoryScope scope, String field, Instant at) {
        MemoryUnitRelationsRecord r = new MemoryUnitRelationsRecord(
                unit.toString(), scope.kind().code(), scope.id().value(), at);
        try {
            db.dsl().executeInsert(r);
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "memory_unit_relations")) {
                throw ConflictException.duplicate("memory unit relation", field);
            }
            if (Constraints.isForeignKeyViolation(e)) {
                throw new NotFoundException("memory unit", unit); // deleted meanwhile
            }
            throw e;
        }
    }

    @Override
    public boolean unrelate(MemoryUnitId unit, MemoryScope scope) {
        return db.dsl()
                        .deleteFrom(MEMORY_UNIT_RELATIONS)
                        .where(MEMORY_UNIT_RELATIONS.UNIT_ID.eq(unit.toString()))
                        .and(MEMORY_UNIT_RELATIONS.SCOPE.eq(scope.kind().code()))
                        .and(MEMORY_UNIT_RELATIONS.SCOPE_ID.eq(scope.id().value()))
                        .execute()
                > 0;
    }

    @Override
    public boolean delete(MemoryUnitId unit) {
        return db.dsl()
                        .deleteFrom(MEMORY_UNITS)
                        .where(MEMORY_UNITS.ID.eq(unit.toString()))
                        .execute()
                > 0;
    }

    @Override
    public Page<MemoryUnit> list(ProjectId project, Optional<MemoryScope> scope, PageRequest page) {
        var query = db.dsl().selectFrom(MEMORY_UNITS).where(MEMORY_UNITS.PROJECT_ID.eq(project.toString()));
        scope.ifPresent(s -> query.and(relatedTo(List.of(s))));
        page.after().ifPresent(id -> query.and(MEMORY_UNITS.ID.lt(id)));
        return Page.of(
                query.orderBy(MEMORY_UNITS.ID.desc()).limit(page.limit() + 1).fetch(JooqMemoryRepository::toDomain),
                page.limit(),
                u -> u.id().toString());
    }

    @Override
    public List<Match> search(ProjectId project, List<String> terms, List<MemoryScope> scopes, int limit) {
        for (String term : terms) {
            if (term.isEmpty() || !SearchText.indexed(term).equals(term)) {
                throw new IllegalArgumentException("a search term is one lower-case word: " + term);
            }
        }
        Dialect.MemoryTextMatch text = db.dialect().memoryTextMatch(terms);
        Condition where = text.match().and(MEMORY_UNITS.PROJECT_ID.eq(project.toString()));
        if (!scopes.isEmpty()) {
            where = where.and(relatedTo(scopes));
        }
        return db.dsl()
                .select(MEMORY_UNITS.fields())
                .select(text.score())
                .from(text.source())
                .where(where)
                .orderBy(text.score().desc(), MEMORY_UNITS.ID.desc())
                .limit(limit)
                .fetch(r -> new Match(toDomain(r.into(MEMORY_UNITS)), r.get(text.score())));
    }

    /** Related to at least one of {@code scopes}: a lookup of the relations' primary key per unit. */
    private static Condition relatedTo(List<MemoryScope> scopes) {
        return DSL.exists(DSL.selectOne()
                .from(MEMORY_UNIT_RELATIONS)
                .where(MEMORY_UNIT_RELATIONS.UNIT_ID.eq(MEMORY_UNITS.ID))
                .and(DSL.or(scopes.stream()
                        .map(s -> MEMORY_UNIT_RELATIONS
                                .SCOPE
                                .eq(s.kind().code())
                                .and(MEMORY_UNIT_RELATIONS.SCOPE_ID.eq(s.id().value())))
                        .toList())));
    }

    private static MemoryUnitsRecord toRecord(MemoryUnit u) {
        MemoryUnitsRecord r = new MemoryUnitsRecord();
        r.setId(u.id().toString());
        r.setProjectId(u.project().toString());
        r.setKind(u.kind().code());
        r.setSource(u.source());
        r.setContent(u.content());
        r.setSearchText(u.searchable());
        r.setEmbeddingRef(u.embeddingRef().orElse(null));
        Map<String, Integer> findings = new TreeMap<>();
        u.findings().forEach((kind, n) -> findings.put(kind.code(), n));
        r.setFindings(JsonText.write(findings));
        r.setCreatedBy(u.createdBy().toString());
        r.setCreatedAt(u.createdAt());
        return r;
    }

    private static MemoryUnit toDomain(Record record) {
        MemoryUnitsRecord r = record.into(MEMORY_UNITS);
        Map<SensitiveKind, Integer> findings = new EnumMap<>(SensitiveKind.class);
        JsonText.read(r.getFindings(), COUNTS).forEach((code, n) -> findings.put(SensitiveKind.fromCode(code), n));
        return new MemoryUnit(
                MemoryUnitId.parse(r.getId()),
                ProjectId.parse(r.getProjectId()),
                MemoryKind.parse(r.getKind()),
                r.getSource(),
                r.getContent(),
                Optional.ofNullable(r.getEmbeddingRef()),
                findings,
                UserId.parse(r.getCreatedBy()),
                r.getCreatedAt());
    }
}
