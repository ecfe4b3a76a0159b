package io.buildfactory.bootstrap;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A driver class started in a JVM of its own, on this test's class path, for a test to kill with SIGKILL. */
final class ChildJvm {

    private ChildJvm() {}

    /** Starts {@code driver}'s {@code main} with {@code args}; its standard output is the test's to read. */
    static Process start(Class<?> driver, String... args) throws IOException {
        return start(java.util.Map.of(), List.of(), driver, args);
    }

    /** As {@link #start(Class, String...)}, with {@code env} added to its environment and JVM options of its own. */
    static Process start(java.util.Map<String, String> env, List<String> jvmOptions, Class<?> driver, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "--enable-native-access=ALL-UNNAMED",
                "-Dorg.jooq.no-logo=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), driver.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        return builder.start();
    }
}
