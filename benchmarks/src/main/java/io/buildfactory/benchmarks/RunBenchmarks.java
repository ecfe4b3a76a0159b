package io.buildfactory.benchmarks;

/**
 * Runs every benchmark on SQLite and on PostgreSQL.
 * <pre>java -jar benchmarks/target/benchmarks.jar [postgres-url] [scale] [all|emit|jobs|conversations|lineage]</pre>
 * The PostgreSQL URL defaults to {@code postgres://postgres@127.0.0.1:5432/test}; scale 1.0 is the full run
 * (1 million events, 1 million audit entries).
 */
public final class RunBenchmarks {

    private RunBenchmarks() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        String postgres = args.length > 0 ? args[0] : "postgres://postgres@127.0.0.1:5432/test";
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        int events = (int) (1_000_000 * scale);
        String only = args.length > 2 ? args[2] : "all";
        for (String target : new String[] {"sqlite", postgres}) {
            if (only.equals("conversations")) {
                ConversationBenchmarks.longConversation(target, (int) (10_000 * scale));
                continue;
            }
            if (only.equals("lineage")) {
                LineageBenchmarks.lineage(target, (int) (100_000 * scale));
                continue;
            }
            if (only.equals("jobs")) {
                JobBenchmarks.throughput(target, (int) (20_000 * scale), 4);
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
            JobBenchmarks.throughput(target, (int) (20_000 * scale), 4);
            ConversationBenchmarks.longConversation(target, (int) (10_000 * scale));
            LineageBenchmarks.lineage(target, (int) (100_000 * scale));
        }
    }
}
