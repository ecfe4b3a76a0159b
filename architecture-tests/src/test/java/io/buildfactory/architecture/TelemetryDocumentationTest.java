package io.buildfactory.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildfactory.application.telemetry.port.in.ServerEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/telemetry.md documents every event the service can emit, with every key of its payload: the test walks
 * the catalogue the code emits from ({@link ServerEvent}), so an undocumented event or key fails the build.
 */
class TelemetryDocumentationTest {

    @Test
    void every_event_in_the_catalogue_is_documented_with_its_payload_keys() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "docs", "telemetry.md")).stream()
                .filter(line -> line.startsWith("| `"))
                .toList();
        List<String> missing = new ArrayList<>();
        for (ServerEvent event : ServerEvent.values()) {
            Optional<String> row = rows.stream()
                    .filter(r -> r.startsWith("| `" + event.type() + "` |"))
                    .findFirst()
                    .or(() -> rows.stream()
                            .filter(r -> documentsByPattern(r, event.type()))
                            .findFirst());
            if (row.isEmpty()) {
                missing.add(event.type() + ": no row");
                continue;
            }
            for (String key : event.payloadKeys()) {
                if (!row.get().contains("`" + key + "`")
                        && !sameAsRow(rows, row.get()).contains("`" + key + "`")) {
                    missing.add(event.type() + ": payload key " + key + " not documented");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    /** A row like {@code action.work-item.<action>} that names the action codes it stands for. */
    private static boolean documentsByPattern(String row, String type) {
        int last = type.lastIndexOf('.');
        String prefix = type.substring(0, last + 1);
        return row.startsWith("| `" + prefix + "<") && row.contains("`" + type.substring(last + 1) + "`");
    }

    /** "as `exchange.created`": the payload is that row's. */
    private static String sameAsRow(List<String> rows, String row) {
        int as = row.indexOf("as `");
        if (as < 0) {
            return "";
        }
        String other = row.substring(as + 4, row.indexOf('`', as + 4));
        return rows.stream()
                .filter(r -> r.startsWith("| `" + other + "` |"))
                .findFirst()
                .orElse("");
    }
}
