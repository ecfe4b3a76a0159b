package io.buildfactory.persistence.conversations;

import static io.buildfactory.persistence.jooq.Tables.RETENTION_POLICIES;

import io.buildfactory.application.conversations.port.out.RetentionPolicyRepository;
import io.buildfactory.domain.conversations.RetentionPolicy;
import io.buildfactory.domain.conversations.RetentionPolicyId;
import io.buildfactory.domain.conversations.RetentionRule;
import io.buildfactory.domain.conversations.RetentionScope;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.RetentionPoliciesRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

public final class JooqRetentionPolicyRepository implements RetentionPolicyRepository {

    private final Database db;

    public JooqRetentionPolicyRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(RetentionPolicy policy) {
        try {
            db.transaction(() -> db.dsl().executeInsert(toRecord(policy)));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "target")) {
                throw ConflictException.duplicate("retention policy", "target");
            }
            throw e;
        }
    }

    @Override
    public RetentionPolicy update(RetentionPolicy p) {
        RetentionPolicy next = new RetentionPolicy(
                p.id(), p.scope(), p.target(), p.rule(), p.createdAt(), p.updatedAt(), p.version() + 1);
        int updated = db.transaction(() -> db.dsl()
                .update(RETENTION_POLICIES)
                .set(RETENTION_POLICIES.KEEP_DAYS, days(next.rule()))
                .set(RETENTION_POLICIES.UPDATED_AT, next.updatedAt())
                .set(RETENTION_POLICIES.VERSION, next.version())
                .where(RETENTION_POLICIES.ID.eq(p.id().toString()))
                .and(RETENTION_POLICIES.VERSION.eq(p.version()))
                .execute());
        if (updated == 0) {
            throw ConflictException.staleVersion("retention policy", p.id(), p.version());
        }
        return next;
    }

    @Override
    public Optional<RetentionPolicy> find(RetentionScope scope, String target) {
        return db.dsl()
                .selectFrom(RETENTION_POLICIES)
                .where(RETENTION_POLICIES.SCOPE.eq(scope.code()))
                .and(RETENTION_POLICIES.TARGET.eq(target))
                .fetchOptional(JooqRetentionPolicyRepository::toDomain);
    }

    @Override
    public Optional<RetentionPolicy> findById(RetentionPolicyId id) {
        return db.dsl()
                .selectFrom(RETENTION_POLICIES)
                .where(RETENTION_POLICIES.ID.eq(id.toString()))
                .fetchOptional(JooqRetentionPolicyRepository::toDomain);
    }

    @Override
    public List<RetentionPolicy> all() {
        return sorted(db.dsl().selectFrom(RETENTION_POLICIES).fetch(JooqRetentionPolicyRepository::toDomain));
    }

    private static List<RetentionPolicy> sorted(List<RetentionPolicy> policies) {
        return policies.stream()
                .sorted(Comparator.comparing(RetentionPolicy::scope).thenComparing(RetentionPolicy::target))
                .toList();
    }

    @Override
    public boolean delete(RetentionPolicyId id) {
        return db.transaction(() -> db.dsl()
                        .deleteFrom(RETENTION_POLICIES)
                        .where(RETENTION_POLICIES.ID.eq(id.toString()))
                        .execute())
                > 0;
    }

    private static Integer days(RetentionRule rule) {
        return rule.deleteAfter().map(d -> (int) d.toDays()).orElse(null);
    }

    private static RetentionPoliciesRecord toRecord(RetentionPolicy p) {
        RetentionPoliciesRecord r = new RetentionPoliciesRecord();
        r.setId(p.id().toString());
        r.setScope(p.scope().code());
        r.setTarget(p.target());
        r.setKeepDays(days(p.rule()));
        r.setCreatedAt(p.createdAt());
        r.setUpdatedAt(p.updatedAt());
        r.setVersion(p.version());
        return r;
    }

    private static RetentionPolicy toDomain(RetentionPoliciesRecord r) {
        RetentionRule rule =
                r.getKeepDays() == null ? RetentionRule.keepForever() : RetentionRule.deleteAfterDays(r.getKeepDays());
        return new RetentionPolicy(
                RetentionPolicyId.parse(r.getId()),
                RetentionScope.fromCode(r.getScope()),
                r.getTarget(),
                rule,
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }
}
