package io.buildfactory.persistence.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buildfactory.domain.planning.Planned;
import io.buildfactory.domain.planning.PlanningCommand;
import io.buildfactory.persistence.DomainJson;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A planning action's command and result as stored: {@code {"format":1,"type":"MoveCard","value":{…}}}, the
 * type being the record's simple name among the sealed interface's permitted records, so the value reads back
 * as the very record it was. {@code PlanningJsonFormatTest} pins the format.
 */
final class PlanningJson {

    static final int FORMAT = 1;

    private static final Map<String, Class<?>> COMMANDS = byName(PlanningCommand.class);
    private static final Map<String, Class<?>> RESULTS = byName(Planned.class);

    private PlanningJson() {}

    private static Map<String, Class<?>> byName(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));
    }

    static String write(Object value) {
        ObjectNode stored = DomainJson.MAPPER.createObjectNode();
        stored.put("format", FORMAT);
        stored.put("type", value.getClass().getSimpleName());
        stored.set("value", DomainJson.MAPPER.valueToTree(value));
        return stored.toString();
    }

    static PlanningCommand command(String json) {
        return (PlanningCommand) read(json, COMMANDS);
    }

    static Planned result(String json) {
        return (Planned) read(json, RESULTS);
    }

    private static Object read(String json, Map<String, Class<?>> types) {
        try {
            JsonNode stored = DomainJson.MAPPER.readTree(json);
            if (stored.path("format").asInt() != FORMAT) {
                throw new IllegalStateException(
                        "a planning action stored in format " + stored.path("format") + " is not one this build reads");
            }
            Class<?> type = types.get(stored.path("type").asText());
            if (type == null) {
                throw new IllegalStateException("a planning action of unknown type " + stored.path("type"));
            }
            return DomainJson.MAPPER.treeToValue(stored.path("value"), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "a stored planning action does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
