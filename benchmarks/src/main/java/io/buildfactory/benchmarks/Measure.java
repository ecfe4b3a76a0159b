package io.buildfactory.benchmarks;

import java.util.Locale;

/** One figure beside its reference measured in the same run, as {@code --json} writes it. */
record Measure(
        String engine, String name, double ours, double reference, double ratio, double p99Millis, double p50Millis) {

    Measure(String engine, String name, double ours, double reference, double ratio, double p99Millis) {
        this(engine, name, ours, reference, ratio, p99Millis, 0);
    }

    /** {@code ours} beside {@code reference}, the ratio worked out. */
    static Measure beside(String engine, String name, double ours, double reference) {
        return new Measure(engine, name, ours, reference, ours / reference, 0, 0);
    }

    String json() {
        return String.format(
                Locale.ROOT,
                "{\"engine\":\"%s\",\"name\":\"%s\",\"ours\":%.1f,\"reference\":%.1f,\"ratio\":%.3f,"
                        + "\"p99Ms\":%.2f}",
                engine,
                name.replace("\\", "\\\\").replace("\"", "\\\""),
                ours,
                reference,
                ratio,
                p99Millis);
    }

    /** The measure as one line of the console report. */
    Measure print(String unit) {
        System.out.printf(
                Locale.ROOT,
                "%-11s %-80s %,12.1f %-8s %6.2f× (ref %,.1f)%n",
                engine,
                name,
                ours,
                unit,
                ratio,
                reference);
        return this;
    }
}
