package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an operator sees while {@code db copy} runs: a bar redrawn in place on a terminal, lines in a log. */
class CopyProgressTest {

    final StringWriter out = new StringWriter();

    @Test
    void on_a_terminal_each_table_is_one_line_redrawn_with_its_rows_and_rate() {
        CopyProgress progress = new CopyProgress(new PrintWriter(out), true);
        progress.planned(plan());
        progress.copying("audit_events", 500_000, 1_000_000, Duration.ofSeconds(10));
        progress.copied("audit_events", 1_000_000, Duration.ofSeconds(20));

        String shown = out.toString();
        assertTrue(shown.contains("Copying 1,000,010 rows in 2 tables"), shown);
        assertTrue(shown.contains("\raudit_events [############............]      500,000 / 1,000,000 rows"), shown);
        assertTrue(shown.contains("50,000 rows/s"), shown);
        assertTrue(shown.contains("\raudit_events [########################]    1,000,000 / 1,000,000 rows"), shown);
    }

    @Test
    void in_a_log_there_is_no_redrawing_only_a_line_when_a_table_is_done() {
        CopyProgress progress = new CopyProgress(new PrintWriter(out), false);
        progress.planned(plan());
        progress.copying("audit_events", 500_000, 1_000_000, Duration.ofSeconds(1)); // within the first 5 s: quiet
        progress.copied("audit_events", 1_000_000, Duration.ofSeconds(2));
        progress.copied("users", 10, Duration.ofMillis(5));

        String shown = out.toString();
        assertFalse(shown.contains("\r"), shown);
        List<String> lines = shown.lines().toList();
        assertEquals(3, lines.size(), shown);
        assertTrue(lines.get(1).startsWith("audit_events [########################]"), shown);
        assertTrue(lines.get(2).startsWith("users        [########################]"), shown);
    }

    @Test
    void forcing_says_what_it_empties_first() {
        new CopyProgress(new PrintWriter(out), false).emptying(Map.of("users", 3L));
        assertTrue(out.toString().contains("emptying the target first"), out.toString());
        assertTrue(out.toString().contains("users                            3 rows"), out.toString());
    }

    private static Map<String, Long> plan() {
        Map<String, Long> plan = new LinkedHashMap<>();
        plan.put("audit_events", 1_000_000L);
        plan.put("users", 10L);
        return plan;
    }
}
