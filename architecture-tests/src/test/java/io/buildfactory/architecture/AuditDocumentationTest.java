package io.buildfactory.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildfactory.application.audit.port.in.AuditAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/audit.md lists every action the audit log records: the test walks the catalogue the code writes from
 * ({@link AuditAction}), so an action added without its documentation row fails the build.
 */
class AuditDocumentationTest {

    @Test
    void every_audited_action_in_the_catalogue_is_documented() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "docs", "audit.md")).stream()
                .filter(line -> line.startsWith("| `"))
                .toList();
        List<String> missing = Arrays.stream(AuditAction.values())
                .map(AuditAction::code)
                .filter(code -> rows.stream().noneMatch(row -> row.startsWith("| `" + code + "` |")))
                .toList();
        assertEquals(List.of(), missing);
    }
}
