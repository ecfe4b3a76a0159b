package io.buildfactory.bootstrap;

import io.buildfactory.persistence.copy.DatabaseCopy;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * What {@code db copy} shows as it goes. On a terminal, one line per table redrawn in place: a bar, rows copied of
 * the table's rows, and rows per second. Elsewhere (a log, a pipe), plain lines: one every few seconds for a table
 * that takes long, and one when each table is done.
 */
final class CopyProgress implements DatabaseCopy.Listener {

    static final int BAR = 24;
    static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final PrintWriter out;
    private final boolean terminal;
    private int width;
    private long lastPlainLine;

    CopyProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void emptying(Map<String, Long> rowsByTable) {
        out.println("--force: emptying the target first; it holds " + rowsByTable.size() + " table(s) with rows:");
        rowsByTable.forEach((table, rows) -> out.printf("  %-32s %,d rows%n", table, rows));
        out.flush();
    }

    @Override
    public void planned(Map<String, Long> rowsByTable) {
        width = rowsByTable.keySet().stream().mapToInt(String::length).max().orElse(10);
        long rows = rowsByTable.values().stream().mapToLong(Long::longValue).sum();
        out.printf("Copying %,d rows in %d tables from a snapshot of the source.%n", rows, rowsByTable.size());
        out.flush();
        lastPlainLine = System.nanoTime();
    }

    @Override
    public void copying(String table, long copied, long total, Duration elapsed) {
        if (terminal) {
            out.print("\r" + line(table, copied, total, elapsed));
            out.flush();
        } else if (System.nanoTime() - lastPlainLine > PLAIN_EVERY.toNanos() && copied < total) {
            out.println(line(table, copied, total, elapsed));
            out.flush();
            lastPlainLine = System.nanoTime();
        }
    }

    @Override
    public void copied(String table, long rows, Duration took) {
        if (terminal) {
            out.print("\r" + line(table, rows, rows, took) + System.lineSeparator());
        } else {
            out.println(line(table, rows, rows, took));
        }
        out.flush();
        lastPlainLine = System.nanoTime();
    }

    private String line(String table, long copied, long total, Duration elapsed) {
        int filled = total == 0 ? BAR : (int) Math.min(BAR, BAR * copied / total);
        String bar = "#".repeat(filled) + ".".repeat(BAR - filled);
        return String.format(
                "%-" + width + "s [%s] %,12d / %,d rows  %,10d rows/s",
                table,
                bar,
                copied,
                total,
                rate(copied, elapsed));
    }

    static long rate(long rows, Duration elapsed) {
        long nanos = Math.max(1, elapsed.toNanos());
        return Math.round(rows * 1e9 / nanos);
    }

    /** Whether standard output is a terminal (JDK 22+ has {@code Console.isTerminal}; on 21 a console is one). */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
