package dev.runtrail.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import dev.runtrail.model.Kind;
import dev.runtrail.model.Parsed;
import dev.runtrail.sampledata.Scenario;
import dev.runtrail.sampledata.ScenarioConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accuracy against the seeded scenario generator's ground truth: generates a world, parses its
 * files with the project's parsers, runs {@link Correlation#apply} on a MiniCluster and scores
 * session→attempt links and run→human links per method, once from the data alone (the connections
 * export is parsed like any other input) and once with the deployment inventory configured (the
 * truth header's worker addresses, the connections export) as an override.
 */
class ScenarioAccuracyITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTestCluster.withTwoSlots();

    /** No configuration: connections, worker names and addresses come from the data alone. */
    @ParameterizedTest
    @ValueSource(longs = {20240501L, 7L, 99L})
    void linksMatchTheGroundTruthFromTheDataAlone(long seed, @TempDir Path dir) throws Exception {
        Scenario.generate(ScenarioConfig.BUNDLED.withSeed(seed), dir);
        scoreAndAssert(seed, dir, CorrelationSettings.defaults());
    }

    /**
     * With object reuse, chained operators hand each other the same document instead of a copy: the
     * links must come out the same, which holds only if no correlation operator keeps or changes a
     * document that another one also receives.
     */
    @ParameterizedTest
    @ValueSource(longs = {7L})
    void linksMatchTheGroundTruthWithObjectReuse(long seed, @TempDir Path dir) throws Exception {
        Scenario.generate(ScenarioConfig.BUNDLED.withSeed(seed), dir);
        scoreAndAssert(seed, dir, CorrelationSettings.defaults(), true);
    }

    /** Deployment inventory configured (worker addresses, connections export) as an override. */
    @ParameterizedTest
    @ValueSource(longs = {20240501L})
    void linksMatchTheGroundTruthWithConfiguredInventory(long seed, @TempDir Path dir)
            throws Exception {
        Scenario.generate(ScenarioConfig.BUNDLED.withSeed(seed), dir);
        JsonNode truth = new ObjectMapper().readTree(dir.resolve(Scenario.TRUTH).toFile());
        Map<String, String> workerIps = new HashMap<>();
        truth.get("workers")
                .forEach(w -> workerIps.put(w.get("hostname").asText(), w.get("ip").asText()));
        CorrelationSettings settings =
                CorrelationSettings.defaults()
                        .withInventory(
                                workerIps,
                                ConnectionInventory.fromExport(
                                        dir.resolve("airflow").resolve("connections.json")));
        scoreAndAssert(seed, dir, settings);
    }

    private static void scoreAndAssert(long seed, Path dir, CorrelationSettings settings)
            throws Exception {
        scoreAndAssert(seed, dir, settings, false);
    }

    private static void scoreAndAssert(
            long seed, Path dir, CorrelationSettings settings, boolean objectReuse)
            throws Exception {
        JsonNode truth = new ObjectMapper().readTree(dir.resolve(Scenario.TRUTH).toFile());
        List<EcsDocument> events = parse(dir);
        Map<String, EcsDocument> latest = correlate(events, settings, objectReuse);
        Score sessions = scoreSessions(truth, latest);
        Score runs = scoreRuns(truth, latest);
        System.out.println("seed " + seed + " events " + events.size());
        System.out.println("session->attempt " + sessions);
        System.out.println("run->human " + runs);

        assertThat(sessions.precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(sessions.recall()).isGreaterThanOrEqualTo(0.99);
        assertThat(runs.precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(runs.recall()).isGreaterThanOrEqualTo(0.99);
    }

    static List<EcsDocument> parse(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files =
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().equals(Scenario.TRUTH))
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList();
        }
        List<EcsDocument> out = new ArrayList<>();
        int deadLetters = 0;
        for (Path f : files) {
            try (RecordReader r = FileParser.open(InputSource.of(f), null)) {
                Parsed p;
                while ((p = r.next()) != null) {
                    if (p instanceof EcsDocument d) {
                        out.add(d);
                    } else {
                        deadLetters++;
                    }
                }
            }
        }
        System.out.println("parsed " + out.size() + " events, " + deadLetters + " dead letters");
        // Event-time order stands in for per-source watermarks of a real job.
        out.sort(Comparator.comparing(d -> d.timestamp() == null ? Instant.EPOCH : d.timestamp()));
        return out;
    }

    static final Map<String, List<String>> HISTORY = new HashMap<>();

    static Map<String, EcsDocument> correlate(
            List<EcsDocument> events, CorrelationSettings settings, boolean objectReuse)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        if (objectReuse) {
            env.getConfig().enableObjectReuse();
        }
        CorrelatedStreams streams =
                Correlation.apply(env.fromData(events, Tags.DOCUMENT), settings);
        Map<String, EcsDocument> latest = new HashMap<>();
        try (CloseableIterator<EcsDocument> it = streams.records().executeAndCollect()) {
            while (it.hasNext()) {
                EcsDocument d = it.next();
                latest.merge(d.id(), d, (a, b) -> rev(b) >= rev(a) ? b : a);
                HISTORY.computeIfAbsent(d.id(), k -> new ArrayList<>())
                        .add(
                                rev(d)
                                        + ":"
                                        + d.getString(Ecs.RUNTRAIL_MATCH_METHOD)
                                        + ":"
                                        + d.get(Fields.MATCH_SKEW_MS)
                                        + ":"
                                        + d.get(Fields.SESSION_CLOSE_REASON));
            }
        }
        return latest;
    }

    /** Precision and recall, overall and per method. */
    record Score(Map<String, int[]> byMethod, int truePositives, int predicted, int expected) {
        double precision() {
            return predicted == 0 ? 1.0 : (double) truePositives / predicted;
        }

        double recall() {
            return expected == 0 ? 1.0 : (double) truePositives / expected;
        }

        @Override
        public String toString() {
            StringBuilder b =
                    new StringBuilder(
                            String.format(
                                    "precision %.4f (%d/%d) recall %.4f (%d/%d)",
                                    precision(),
                                    truePositives,
                                    predicted,
                                    recall(),
                                    truePositives,
                                    expected));
            byMethod.forEach(
                    (m, c) ->
                            b.append(
                                    String.format(
                                            "%n  %-24s tp %d predicted %d expected %d",
                                            m, c[0], c[1], c[2])));
            return b.toString();
        }
    }

    static Score scoreSessions(JsonNode truth, Map<String, EcsDocument> latest) {
        // session identity (host, logon id, logon ms) -> expected attempt key and method
        Map<String, String[]> expected = new HashMap<>();
        for (JsonNode a : truth.get("attempts")) {
            String key =
                    Keys.attempt(
                            a.get("dag_id").asText(),
                            a.get("run_id").asText(),
                            a.get("task_id").asText(),
                            a.get("map_index").asLong(),
                            a.get("try_number").asLong());
            for (JsonNode s : a.get("sessions")) {
                // A Windows worker's service logon belongs to every attempt that ran in it.
                String id =
                        sessionId(
                                s.get("host").asText(),
                                s.get("logon_id").asText(),
                                s.get("logon_time").asText());
                String[] previous = expected.get(id);
                expected.put(
                        id,
                        new String[] {
                            previous == null ? key : previous[0] + "," + key,
                            s.get("method").asText()
                        });
            }
        }
        Map<String, int[]> byMethod = new TreeMap<>();
        int tp = 0;
        int predicted = 0;
        for (EcsDocument d : latest.values()) {
            if (d.kind() != Kind.SESSIONS) {
                continue;
            }
            String attempt = d.getString(Ecs.RUNTRAIL_ATTEMPT_KEY);
            List<String> linkedKeys = new ArrayList<>();
            if (d.get(Ecs.RUNTRAIL_ATTEMPT_KEY) instanceof List<?> l) {
                l.forEach(x -> linkedKeys.add(x.toString()));
            } else if (attempt != null) {
                linkedKeys.add(attempt);
            }
            String method = d.getString(Ecs.RUNTRAIL_MATCH_METHOD);
            String id =
                    sessionId(
                            d.getString(Ecs.HOST_NAME),
                            d.getString(Ecs.WINLOG_LOGON_ID),
                            d.timestamp().toString());
            String[] want = expected.get(id);
            if (want != null) {
                byMethod.computeIfAbsent("truth:" + want[1], k -> new int[3])[2]++;
            }
            if (attempt == null) {
                if (want != null) {
                    EcsDocument a = latest.get(want[0]);
                    System.out.println(
                            "missed "
                                    + id
                                    + " want "
                                    + want[1]
                                    + " got "
                                    + method
                                    + " "
                                    + d.get(Fields.MATCH_CANDIDATES)
                                    + " user "
                                    + d.getString(Ecs.USER_NAME)
                                    + " ip "
                                    + d.getString(Ecs.SOURCE_IP)
                                    + " attempt "
                                    + HISTORY.get(d.id())
                                    + " "
                                    + (a == null
                                            ? "none"
                                            : a.getString(Ecs.HOST_IP)
                                                    + " "
                                                    + a.get(Ecs.RELATED_HOSTS)
                                                    + " "
                                                    + a.get(Ecs.USER_TARGET_NAME)
                                                    + " "
                                                    + a.get(Ecs.EVENT_START)
                                                    + ".."
                                                    + a.get(Ecs.EVENT_END)));
                }
                continue;
            }
            predicted++;
            int[] c = byMethod.computeIfAbsent(method, k -> new int[3]);
            c[1]++;
            if (want != null && List.of(want[0].split(",")).containsAll(linkedKeys)) {
                tp++;
                c[0]++;
                byMethod.get("truth:" + want[1])[0]++;
            } else {
                System.out.println(
                        "wrong "
                                + id
                                + " method "
                                + method
                                + " want "
                                + (want == null ? "none" : want[1]));
            }
        }
        int expectedTotal = expected.size();
        return new Score(byMethod, tp, predicted, expectedTotal);
    }

    static Score scoreRuns(JsonNode truth, Map<String, EcsDocument> latest) {
        Map<String, int[]> byMethod = new TreeMap<>();
        int tp = 0;
        int predicted = 0;
        int expected = 0;
        for (JsonNode r : truth.get("runs")) {
            String want = r.get("triggered_by").isNull() ? null : r.get("triggered_by").asText();
            boolean human = want != null && !want.equals("scheduler");
            EcsDocument d =
                    latest.get(Keys.run(r.get("dag_id").asText(), r.get("run_id").asText()));
            String method =
                    d == null ? "missing" : String.valueOf(d.getString(Ecs.RUNTRAIL_MATCH_METHOD));
            String got = d == null ? null : d.getString(Ecs.USER_EMAIL);
            if (got == null && d != null && method.startsWith("proxy")) {
                got = d.getString(Ecs.USER_NAME);
            }
            boolean claims = d != null && method.startsWith("proxy");
            if (human) {
                expected++;
            }
            int[] c = byMethod.computeIfAbsent(method, k -> new int[3]);
            if (claims) {
                predicted++;
                c[1]++;
            }
            if (human) {
                c[2]++;
            }
            if (claims && human && want.equalsIgnoreCase(got)) {
                tp++;
                c[0]++;
            } else if (claims || human) {
                System.out.println(
                        "run "
                                + r.get("run_id").asText()
                                + " want "
                                + want
                                + " got "
                                + got
                                + " via "
                                + method);
            }
        }
        return new Score(byMethod, tp, predicted, expected);
    }

    static String sessionId(String host, String logonId, String logonTime) {
        long ms = Instant.parse(logonTime).toEpochMilli();
        return Names.host(host) + "|" + Names.logonId(logonId) + "|" + ms;
    }

    private static long rev(EcsDocument d) {
        Long r = d.getLong(Ecs.RUNTRAIL_REVISION);
        return r == null ? 0 : r;
    }
}
