package io.buildfactory.persistence.workitems;

import static io.buildfactory.persistence.jooq.Tables.PROJECT_POLICIES;

import com.fasterxml.jackson.core.type.TypeReference;
import io.buildfactory.application.workitems.port.out.ProjectPolicies;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.Gate;
import io.buildfactory.domain.workitems.PolicyProfile;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.JsonText;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Projects' policy profiles, one JSON document per project: gate modes by action, by their codes. */
public final class JooqProjectPolicies implements ProjectPolicies {

    private static final TypeReference<Map<String, Map<String, String>>> PROFILE = new TypeReference<>() {};

    private final Database db;

    public JooqProjectPolicies(Database db) {
        this.db = db;
    }

    @Override
    public Optional<PolicyProfile> policy(ProjectKey project) {
        return db.dsl()
                .selectFrom(PROJECT_POLICIES)
                .where(PROJECT_POLICIES.PROJECT_KEY.eq(project.value()))
                .fetchOptional(r -> {
                    Map<Action, Map<Gate, PolicyProfile.Mode>> gates = new EnumMap<>(Action.class);
                    JsonText.read(r.getProfile(), PROFILE).forEach((action, modes) -> {
                        Map<Gate, PolicyProfile.Mode> m = new LinkedHashMap<>();
                        modes.forEach((gate, mode) -> m.put(Gate.fromCode(gate), PolicyProfile.Mode.fromCode(mode)));
                        gates.put(Action.fromCode(action), m);
                    });
                    return new PolicyProfile(project, gates, r.getVersion());
                });
    }

    @Override
    public PolicyProfile savePolicy(PolicyProfile profile, Instant at) {
        Map<String, Map<String, String>> json = new LinkedHashMap<>();
        profile.gates()
                .forEach((action, modes) -> json.put(
                        action.code(),
                        modes.entrySet().stream()
                                .collect(Collectors.toMap(
                                        e -> e.getKey().code(),
                                        e -> e.getValue().name(),
                                        (a, b) -> a,
                                        LinkedHashMap::new))));
        PolicyProfile saved = new PolicyProfile(profile.project(), profile.gates(), profile.version() + 1);
        Instant now = Timestamps.stored(at);
        int rows = db.transaction(() -> {
            if (profile.version() == 0) {
                return db.dsl()
                        .insertInto(PROJECT_POLICIES)
                        .set(PROJECT_POLICIES.PROJECT_KEY, profile.project().value())
                        .set(PROJECT_POLICIES.PROFILE, JsonText.write(json))
                        .set(PROJECT_POLICIES.VERSION, saved.version())
                        .set(PROJECT_POLICIES.UPDATED_AT, now)
                        .onConflictDoNothing()
                        .execute();
            }
            return db.dsl()
                    .update(PROJECT_POLICIES)
                    .set(PROJECT_POLICIES.PROFILE, JsonText.write(json))
                    .set(PROJECT_POLICIES.VERSION, saved.version())
                    .set(PROJECT_POLICIES.UPDATED_AT, now)
                    .where(PROJECT_POLICIES.PROJECT_KEY.eq(profile.project().value()))
                    .and(PROJECT_POLICIES.VERSION.eq(profile.version()))
                    .execute();
        });
        if (rows == 0) {
            throw ConflictException.staleVersion("policy profile", profile.project(), profile.version());
        }
        return saved;
    }
}
