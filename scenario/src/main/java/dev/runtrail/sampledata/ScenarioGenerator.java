package dev.runtrail.sampledata;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Command line: {@code ScenarioGenerator --out DIR [--seed N] [--start 2024-05-01] [--days D]
 * [--dags K] [--hosts H] [--scale X]}; without options other than --out it writes the bundled
 * scenario's configuration.
 */
public final class ScenarioGenerator {
    private ScenarioGenerator() {}

    public static void main(String[] args) throws IOException {
        ScenarioConfig base = ScenarioConfig.BUNDLED;
        long seed = base.seed();
        LocalDate start = base.startDate();
        int days = base.days();
        int dags = base.dags();
        int hosts = base.hosts();
        double scale = base.scale();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                usage();
                return;
            }
            if (i + 1 >= args.length) {
                fail("The option " + flag + " needs a value.");
            }
            String value = args[++i];
            switch (flag) {
                case "--out" -> out = Path.of(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--start" -> start = LocalDate.parse(value);
                case "--days" -> days = Integer.parseInt(value);
                case "--dags" -> dags = Integer.parseInt(value);
                case "--hosts" -> hosts = Integer.parseInt(value);
                case "--scale" -> scale = Double.parseDouble(value);
                default -> fail("Unknown option " + flag + ".");
            }
        }
        if (out == null) {
            fail("The option --out DIR is required.");
        }
        ScenarioConfig config = new ScenarioConfig(seed, start, days, dags, hosts, scale);
        long t0 = System.nanoTime();
        ScenarioCounts counts = Scenario.generate(config, out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "Wrote %s: %d runs, %d attempts, %d linked sessions, %d noise sessions, %d anomalies;"
                        + " %d task-log files (%d lines), %d Windows events, %d proxy lines, %d audit records"
                        + " in %.1f s%n",
                out,
                counts.runs(),
                counts.attempts(),
                counts.linkedSessions(),
                counts.noiseSessions(),
                counts.anomalies(),
                counts.airflowLogFiles(),
                counts.airflowLogLines(),
                counts.windowsEvents(),
                counts.proxyLines(),
                counts.auditRecords(),
                seconds);
    }

    private static void usage() {
        System.out.println(
                "usage: ScenarioGenerator --out DIR [--seed N] [--start YYYY-MM-DD] [--days D]"
                        + " [--dags K] [--hosts H] [--scale X]");
    }

    private static void fail(String message) {
        System.err.println(message);
        usage();
        System.exit(2);
    }
}
