package io.buildfactory.persistence.planning;

import static io.buildfactory.persistence.jooq.Tables.SYSTEM_POLICY_PROFILES;

import com.fasterxml.jackson.core.type.TypeReference;
import io.buildfactory.application.planning.port.out.PolicyProfileRepository;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.JsonText;
import io.buildfactory.persistence.jooq.tables.records.SystemPolicyProfilesRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;

/** Policy profiles in {@code system_policy_profiles}: lists as JSON arrays, one row per project. */
public final class JooqPolicyProfileRepository implements PolicyProfileRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Database db;

    public JooqPolicyProfileRepository(Database db) {
        this.db = db;
    }

    @Override
    public Optional<PolicyProfile> find(ProjectId project) {
        return db.dsl()
                .selectFrom(SYSTEM_POLICY_PROFILES)
                .where(SYSTEM_POLICY_PROFILES.PROJECT_ID.eq(project.toString()))
                .fetchOptional(JooqPolicyProfileRepository::toDomain);
    }

    @Override
    public PolicyProfile save(PolicyProfile profile) {
        PolicyProfile next = profile.nextVersion();
        SystemPolicyProfilesRecord record = new SystemPolicyProfilesRecord(
                next.project().toString(),
                JsonText.write(next.requiredChecks()),
                JsonText.write(next.allowedPaths()),
                JsonText.write(next.forbiddenPaths()),
                next.updatedAt().orElseThrow(),
                next.version(),
                next.signalsStaleAfter().toSeconds());
        int rows;
        if (profile.version() == 0) {
            try {
                rows = db.dsl().executeInsert(record);
            } catch (DataAccessException e) {
                if (!Constraints.isUniqueViolation(e, "system_policy_profiles")) {
                    throw e;
                }
                rows = 0; // someone set the first profile meanwhile
            }
        } else {
            rows = db.dsl()
                    .update(SYSTEM_POLICY_PROFILES)
                    .set(record)
                    .where(SYSTEM_POLICY_PROFILES.PROJECT_ID.eq(
                            profile.project().toString()))
                    .and(SYSTEM_POLICY_PROFILES.VERSION.eq(profile.version()))
                    .execute();
        }
        if (rows == 0) {
            throw ConflictException.staleVersion("policy profile of project", profile.project(), profile.version());
        }
        return next;
    }

    private static PolicyProfile toDomain(SystemPolicyProfilesRecord r) {
        return new PolicyProfile(
                ProjectId.parse(r.getProjectId()),
                strings(r.getRequiredChecks()),
                strings(r.getAllowedPaths()),
                strings(r.getForbiddenPaths()),
                Duration.ofSeconds(r.getSignalsStaleAfterSeconds()),
                Optional.of(r.getUpdatedAt()),
                r.getVersion());
    }

    private static List<String> strings(JSONB json) {
        return JsonText.read(json, STRINGS);
    }
}
