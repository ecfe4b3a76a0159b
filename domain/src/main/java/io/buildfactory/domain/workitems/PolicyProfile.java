package io.buildfactory.domain.workitems;

import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A project's policy: which gates hold which action, each enforced (blocks) or evaluated (reported, like a dry
 * run). Actions the profile does not mention keep their default gates, enforced. Each change bumps the version,
 * which is recorded with every action taken.
 */
public record PolicyProfile(ProjectKey project, Map<Action, Map<Gate, Mode>> gates, long version) {

    /** How a gate holds an action: enforced (it can block) or only evaluated (reported, never blocking). */
    public enum Mode {
        ENFORCE,
        EVALUATE;

        /** The mode's name in the API: {@code enforce}, {@code evaluate} (storage keeps {@code name()}). */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads a code in any case (profiles stored before codes were lower-case say {@code ENFORCE}). */
        public static Mode fromCode(String code) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(code)) {
                    return mode;
                }
            }
            throw new InvalidInputException("gates", "modes are enforce or evaluate, got " + code);
        }
    }

    public PolicyProfile {
        Map<Action, Map<Gate, Mode>> copy = new EnumMap<>(Action.class);
        gates.forEach((action, modes) -> copy.put(action, Collections.unmodifiableMap(new LinkedHashMap<>(modes))));
        gates = Collections.unmodifiableMap(copy);
        if (version < 0) {
            throw new InvalidInputException("version", "must not be negative");
        }
    }

    /** Every action with its default gates, all enforced: the policy of a project that never set one. */
    public static PolicyProfile defaults(ProjectKey project) {
        return new PolicyProfile(project, Map.of(), 0);
    }

    public Map<Gate, Mode> gatesOf(Action action) {
        Map<Gate, Mode> custom = gates.get(action);
        if (custom != null) {
            Map<Gate, Mode> ordered = new java.util.TreeMap<>(custom); // one order on every database (by gate)
            return Collections.unmodifiableMap(new LinkedHashMap<>(ordered));
        }
        Map<Gate, Mode> defaults = new LinkedHashMap<>();
        action.defaultGates().forEach(g -> defaults.put(g, Mode.ENFORCE));
        return defaults;
    }
}
