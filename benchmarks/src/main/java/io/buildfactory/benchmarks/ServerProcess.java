package io.buildfactory.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the server process holds, read from Linux's {@code /proc} and the JDK's {@code jcmd}. */
final class ServerProcess {

    private ServerProcess() {}

    /** @param liveHeapKb the heap in use right after a full collection: what the server keeps, not its garbage */
    record Sample(long liveHeapKb, long threads, long openFiles) {}

    static Sample sample(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no heap use");
        }
        long files;
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            files = fds.count();
        }
        return new Sample(Long.parseLong(used.group(1)), status(pid, "Threads"), files);
    }

    /** The process's peak resident set (VmHWM), in kB. */
    static long peakRssKb(long pid) throws IOException {
        return status(pid, "VmHWM");
    }

    private static long status(long pid, String field) throws IOException {
        Matcher m = Pattern.compile("(?m)^" + field + ":\\s+(\\d+)")
                .matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!m.find()) {
            throw new IllegalStateException("/proc/" + pid + "/status has no " + field);
        }
        return Long.parseLong(m.group(1));
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid),
                        command))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
