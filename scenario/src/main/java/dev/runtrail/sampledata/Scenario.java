package dev.runtrail.sampledata;

import dev.runtrail.sampledata.airflow.AuditLog;
import dev.runtrail.sampledata.airflow.ConnectionsExport;
import dev.runtrail.sampledata.airflow.DagRunExport;
import dev.runtrail.sampledata.proxy.ProxyLog;
import dev.runtrail.sampledata.truth.Truth;
import dev.runtrail.sampledata.windows.EventFileWriter;
import dev.runtrail.sampledata.windows.SecurityLog;
import dev.runtrail.sampledata.windows.SessionWriter;
import dev.runtrail.sampledata.windows.WevtutilXmlWriter;
import dev.runtrail.sampledata.windows.WinlogbeatWriter;
import dev.runtrail.sampledata.world.Dag;
import dev.runtrail.sampledata.world.Human;
import dev.runtrail.sampledata.world.LogFormat;
import dev.runtrail.sampledata.world.WindowsHost;
import dev.runtrail.sampledata.world.Worker;
import dev.runtrail.sampledata.world.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Generates a scenario: the world's Airflow task logs, audit and DAG-run exports, Windows Security
 * logs (XML or Winlogbeat per host), oauth2-proxy log and {@code truth.json} into one folder.
 * Output is a pure function of the configuration: the same seed gives the same bytes.
 */
public final class Scenario {
    /** Folder names inside the output directory. */
    public static final String AIRFLOW = "airflow";

    public static final String WINDOWS = "windows";
    public static final String PROXY = "proxy";
    public static final String TRUTH = "truth.json";

    /**
     * Tells runtrail's file readers which files of the folder are not log exports (the ground truth
     * and the folder's README), so reading the whole folder dead-letters nothing.
     */
    public static final String IGNORE = ".runtrailignore";

    private Scenario() {}

    /**
     * Writes the scenario into {@code outDir}. The folder must be empty, absent, or hold an earlier
     * scenario (recognized by its truth.json), which is replaced.
     */
    public static ScenarioCounts generate(ScenarioConfig config, Path outDir) throws IOException {
        prepare(outDir);
        SplittableRandom random = new SplittableRandom(config.seed());
        World world = World.create(config, random);
        SimState state = new SimState(world, random);
        Path airflow = Files.createDirectories(outDir.resolve(AIRFLOW));
        Path windowsDir = Files.createDirectories(outDir.resolve(WINDOWS));
        Path proxyDir = Files.createDirectories(outDir.resolve(PROXY));
        Files.writeString(
                outDir.resolve(IGNORE),
                "# Not log exports: the ground truth and this folder's description.\n"
                        + TRUTH
                        + "\nREADME.md\n");
        ConnectionsExport.write(airflow.resolve("connections.json"), world.dags());
        Map<WindowsHost, SecurityLog> logs = new LinkedHashMap<>();
        for (WindowsHost host : world.allWindowsHosts()) {
            logs.put(
                    host,
                    new SecurityLog(
                            openWriter(windowsDir, host, random),
                            100_000 + random.nextLong(900_000),
                            random));
        }
        Truth truth = new Truth(outDir.resolve(TRUTH));
        Outputs out =
                new Outputs(
                        airflow.resolve("logs"),
                        logs,
                        new SessionWriter(logs, random),
                        new ProxyLog(proxyDir.resolve("oauth2-proxy.log")),
                        new AuditLog(airflow.resolve("eventLogs.json")),
                        new DagRunExport(airflow.resolve("dagRuns.json")),
                        truth);
        DayPlanner planner = new DayPlanner(state, config.scale());
        long runs = 0;
        try {
            for (int d = 0; d < config.days(); d++) {
                for (Activity activity : planner.plan(config.startDate().plusDays(d))) {
                    out.flushBefore(activity.start());
                    activity.perform(out);
                    if (activity instanceof RunActivity) {
                        runs++;
                    }
                }
            }
            for (SecurityLog log : logs.values()) {
                log.close();
            }
            out.proxy.close();
            out.audit.close();
            out.dagRuns.close();
            truth.finish(header(config, world));
        } finally {
            truth.close();
        }
        return new ScenarioCounts(
                runs,
                truth.count(Truth.Section.ATTEMPTS),
                out.linkedSessions,
                truth.count(Truth.Section.NOISE_SESSIONS),
                truth.count(Truth.Section.ANOMALIES),
                out.logFiles,
                out.logLines,
                out.windowsEvents(),
                out.proxy.written(),
                out.audit.written());
    }

    private static EventFileWriter openWriter(Path dir, WindowsHost host, SplittableRandom random)
            throws IOException {
        int lsass = 4 * (150 + random.nextInt(60));
        int eventlog = 4 * (300 + random.nextInt(200));
        if (host.format() == LogFormat.WEVTUTIL_XML) {
            String activity =
                    "{"
                            + new UUID(random.nextLong(), random.nextLong())
                                    .toString()
                                    .toUpperCase()
                            + "}";
            return new WevtutilXmlWriter(
                    dir.resolve(fileName(host)), host, activity, lsass, eventlog);
        }
        return new WinlogbeatWriter(
                dir.resolve(fileName(host)),
                host,
                new UUID(random.nextLong(), random.nextLong()).toString(),
                new UUID(random.nextLong(), random.nextLong()).toString(),
                lsass,
                eventlog);
    }

    /** The file a host's Security log is written to, relative to {@code windows/}. */
    public static String fileName(WindowsHost host) {
        return host.format() == LogFormat.WEVTUTIL_XML
                ? host.netbios() + "-Security.xml"
                : "winlogbeat-" + host.netbios().toLowerCase(java.util.Locale.ROOT) + ".ndjson";
    }

    private static Json header(ScenarioConfig config, World world) {
        List<Object> hosts = new ArrayList<>();
        for (WindowsHost h : world.allWindowsHosts()) {
            hosts.add(
                    Json.object()
                            .put("fqdn", h.fqdn())
                            .put("netbios", h.netbios())
                            .put("ip", h.ip())
                            .put("skew_ms", h.skewMillis())
                            .put("file", WINDOWS + "/" + fileName(h)));
        }
        List<Object> workers = new ArrayList<>();
        for (Worker w : world.workers()) {
            workers.add(Json.object().put("hostname", w.hostname()).put("ip", w.ip()));
        }
        workers.add(
                Json.object()
                        .put("hostname", world.windowsWorker().hostname())
                        .put("ip", world.windowsWorker().ip()));
        List<Object> dags = new ArrayList<>();
        for (Dag d : world.dags()) {
            dags.add(
                    Json.object()
                            .put("dag_id", d.dagId())
                            .put("operator", d.transport().operator())
                            .put("conn_id", d.connId())
                            .put("target", d.target().fqdn())
                            .put("target_as_logged", d.remoteHostAsLogged())
                            .put("account", d.account().qualified())
                            .put("owner", d.owner()));
        }
        List<Object> humans = new ArrayList<>();
        for (Human h : world.humans()) {
            humans.add(
                    Json.object()
                            .put("email", h.email())
                            .put("airflow_user", h.airflowUser())
                            .put("windows_account", h.windowsAccount().qualified())
                            .put("ip", h.ip()));
        }
        return Json.object()
                .put("format", "runtrail-scenario-truth/1")
                .put("seed", config.seed())
                .put("start_date", config.startDate().toString())
                .put("days", config.days())
                .put("scale", config.scale())
                .put("hosts", hosts)
                .put("workers", workers)
                .put("dags", dags)
                .put("humans", humans);
    }

    private static void prepare(Path outDir) throws IOException {
        if (!Files.exists(outDir)) {
            Files.createDirectories(outDir);
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(outDir)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        if (!Files.exists(outDir.resolve(TRUTH))) {
            throw new IOException(
                    "The output folder "
                            + outDir
                            + " is not empty and holds no earlier scenario"
                            + " (no "
                            + TRUTH
                            + "); choose an empty folder.");
        }
        for (String name : new String[] {AIRFLOW, WINDOWS, PROXY, TRUTH, IGNORE}) {
            deleteTree(outDir.resolve(name));
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
