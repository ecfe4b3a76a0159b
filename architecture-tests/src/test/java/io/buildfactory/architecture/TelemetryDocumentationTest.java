package io.buildfactory.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/telemetry.md lists every event type the service emits: a new one without documentation fails the build. */
class TelemetryDocumentationTest {

    /**
     * A type literal handed to emit(…), or chosen by a ternary or a switch arm that feeds it. Audit actions look
     * alike ("job.cancel") but are passed elsewhere.
     */
    static final Pattern EVENT_TYPE =
            Pattern.compile("(?:emit\\((?:actor, )?|-> |\\? |: )\"((?:action|exchange|job|review|launch)\\.[a-z][a-z0-9.-]*)\"");

    @Test
    void every_emitted_event_type_is_documented() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Set<String> emitted = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(root.resolve("application/src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = EVENT_TYPE.matcher(read(source));
                while (m.find()) {
                    emitted.add(m.group(1));
                }
            }
        }
        assertFalse(emitted.isEmpty(), "found the emitted event types");
        String doc = read(root.resolve("docs/telemetry.md"));
        // A literal ending in a dot is a prefix completed at run time (action.work-item.<action>).
        List<String> undocumented = emitted.stream()
                .filter(type -> !doc.contains("`" + type + (type.endsWith(".") ? "" : "`")))
                .toList();
        assertEquals(List.of(), undocumented);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
