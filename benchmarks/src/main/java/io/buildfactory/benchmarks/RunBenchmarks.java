package io.buildfactory.benchmarks;

/**
 * Runs every benchmark on SQLite and on PostgreSQL.
 * <pre>java -jar benchmarks/target/benchmarks.jar [postgres-url] [scale]
 *     [all|emit|conversations|lineage|http|jobs|telemetry|audit|startup|copy] [--database sqlite|postgres|both]
 *     [--json FILE]</pre>
 * The PostgreSQL URL defaults to {@code postgres://postgres@127.0.0.1:5432/test}; scale 1.0 is the full run
 * (1 million events, 1 million audit entries; for {@code http}, 10 s per measure). {@code http} and {@code startup}
 * start the server from {@code bootstrap/target/build-factory.jar}; {@code http} needs {@code wrk}, {@code
 * telemetry} the {@code sqlite3} and {@code psql} shells, {@code copy} {@code psql}. The suites {@code http}, {@code jobs}, {@code telemetry},
 * {@code audit} and {@code startup} measure each figure beside its limit or peer in the same run, and {@code
 * --json} writes those measures.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {}

    public static void main(String[] argv) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(argv));
        int json = rest.indexOf("--json");
        java.util.Optional<java.nio.file.Path> jsonFile = java.util.Optional.empty();
        if (json >= 0) {
            jsonFile = java.util.Optional.of(java.nio.file.Path.of(rest.get(json + 1)));
            rest.remove(json + 1);
            rest.remove(json);
        }
        int database = rest.indexOf("--database");
        String engines = "both";
        if (database >= 0) {
            engines = rest.get(database + 1);
            rest.remove(database + 1);
            rest.remove(database);
        }
        String[] args = rest.toArray(String[]::new);
        String postgres = args.length > 0 ? args[0] : "postgres://postgres@127.0.0.1:5432/test";
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        int events = (int) (1_000_000 * scale);
        String only = args.length > 2 ? args[2] : "all";
        String[] targets = switch (engines) {
            case "sqlite" -> new String[] {"sqlite"};
            case "postgres", "postgresql" -> new String[] {postgres};
            case "both" -> new String[] {"sqlite", postgres};
            default -> throw new IllegalArgumentException("--database is sqlite, postgres or both: " + engines);
        };
        if (only.equals("startup")) {
            java.util.List<Measure> measures =
                    StartupBenchmarks.run(java.nio.file.Path.of("bootstrap/target/build-factory.jar"));
            writeJson(jsonFile, measures);
            return;
        }
        if (only.equals("copy")) {
            writeJson(jsonFile, CopyBenchmarks.suite(postgres, scale));
            return;
        }
        if (java.util.Set.of("http", "steady", "jobs", "telemetry", "audit").contains(only)) {
            java.util.List<Measure> measures = new java.util.ArrayList<>();
            for (String target : targets) {
                if (only.equals("http") || only.equals("steady")) {
                    measures.addAll(HttpBenchmarks.run(
                            target,
                            java.nio.file.Path.of("bootstrap/target/build-factory.jar"),
                            java.time.Duration.ofSeconds(Math.max(3, Math.round(10 * scale))),
                            32,
                            only.equals("steady")
                                    ? java.time.Duration.ofSeconds(Math.max(90, Math.round(600 * scale)))
                                    : java.time.Duration.ZERO));
                } else if (only.equals("jobs")) {
                    measures.addAll(JobBenchmarks.run(target, (int) (50_000 * scale)));
                } else if (only.equals("telemetry")) {
                    measures.addAll(TelemetryBenchmarks.suite(target, (int) (500_000 * scale)));
                } else {
                    measures.addAll(AuditBenchmarks.suite(target, (int) (1_000_000 * scale)));
                }
            }
            writeJson(jsonFile, measures);
            return;
        }
        for (String target : targets) {
            if (only.equals("conversations")) {
                ConversationBenchmarks.longConversation(target, (int) (10_000 * scale));
                continue;
            }
            if (only.equals("lineage")) {
                LineageBenchmarks.lineage(target, (int) (100_000 * scale));
                continue;
            }
            if (only.equals("emit")) {
                TelemetryBenchmarks.emitLatency(target, events, 65_536);
                TelemetryBenchmarks.emitLatency(target, events, events);
                continue;
            }
            TelemetryBenchmarks.ingest(target, events, (int) (20_000 * scale));
            TelemetryBenchmarks.emitLatency(target, events, 65_536);
            TelemetryBenchmarks.emitLatency(target, events, events);
            AuditBenchmarks.appends(target, 8, (int) (2_500 * scale));
            AuditBenchmarks.verify(target, events);
            JobBenchmarks.run(target, (int) (50_000 * scale));
            ConversationBenchmarks.longConversation(target, (int) (10_000 * scale));
            LineageBenchmarks.lineage(target, (int) (100_000 * scale));
        }
    }

    /** {@code --json FILE}: one object per measure, with {@code ours}, {@code reference} and {@code ratio}. */
    private static void writeJson(java.util.Optional<java.nio.file.Path> file, java.util.List<Measure> measures)
            throws java.io.IOException {
        if (file.isPresent()) {
            java.nio.file.Files.writeString(
                    file.get(),
                    measures.stream()
                            .map(Measure::json)
                            .collect(java.util.stream.Collectors.joining(",\n  ", "[\n  ", "\n]\n")));
        }
    }
}
