package dev.runtrail.sampledata.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import dev.runtrail.model.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores correlation output against a scenario's {@code truth.json}: session→attempt links (pairs
 * of session and attempt; a worker's service session can belong to several attempts) and run→human
 * links (the proxy-authenticated user of each manual run). The scorer reads only the documents'
 * contract fields, so any correlator's output can be scored.
 *
 * @param sessionLinks session→attempt link accuracy
 * @param runHumans run→triggering-human accuracy
 */
public record AccuracyReport(Score sessionLinks, Score runHumans) {

    /**
     * @param truthFile the scenario's truth.json
     * @param records the latest revision of every run, attempt and session document
     */
    public static AccuracyReport score(Path truthFile, Collection<EcsDocument> records)
            throws IOException {
        JsonNode truth = new ObjectMapper().readTree(truthFile.toFile());
        return new AccuracyReport(sessionLinks(truth, records), runHumans(truth, records));
    }

    /** The latest revision of each document (highest {@code runtrail.revision}, else last). */
    public static Map<String, EcsDocument> latest(Iterable<EcsDocument> documents) {
        Map<String, EcsDocument> latest = new HashMap<>();
        for (EcsDocument d : documents) {
            latest.merge(d.id(), d, (a, b) -> revision(b) >= revision(a) ? b : a);
        }
        return latest;
    }

    private static Score sessionLinks(JsonNode truth, Collection<EcsDocument> records) {
        Map<String, String> expected = new HashMap<>(); // "session|attempt" -> truth method
        for (JsonNode a : truth.get("attempts")) {
            String attempt =
                    Keys.attempt(
                            a.get("dag_id").asText(),
                            a.get("run_id").asText(),
                            a.get("task_id").asText(),
                            a.get("map_index").asLong(),
                            a.get("try_number").asLong());
            for (JsonNode s : a.get("sessions")) {
                String session =
                        sessionId(
                                s.get("host").asText(),
                                s.get("logon_id").asText(),
                                Instant.parse(s.get("logon_time").asText()));
                expected.put(session + "|" + attempt, s.get("method").asText());
            }
        }
        Map<String, int[]> byMethod = new HashMap<>();
        expected.values().forEach(m -> row(byMethod, "truth:" + m)[2]++);
        int correct = 0;
        int claimed = 0;
        for (EcsDocument d : records) {
            if (d.kind() != Kind.SESSIONS || d.timestamp() == null) {
                continue;
            }
            String method = d.getString(Ecs.RUNTRAIL_MATCH_METHOD);
            if (method == null || method.equals("ambiguous")) {
                continue;
            }
            String session =
                    sessionId(
                            d.getString(Ecs.HOST_NAME),
                            d.getString(Ecs.WINLOG_LOGON_ID),
                            d.timestamp());
            for (String attempt : strings(d.get(Ecs.RUNTRAIL_ATTEMPT_KEY))) {
                claimed++;
                row(byMethod, method)[1]++;
                String truthMethod = expected.get(session + "|" + attempt);
                if (truthMethod != null) {
                    correct++;
                    row(byMethod, method)[0]++;
                    row(byMethod, "truth:" + truthMethod)[0]++;
                }
            }
        }
        return new Score(correct, claimed, expected.size(), byMethod);
    }

    private static Score runHumans(JsonNode truth, Collection<EcsDocument> records) {
        Map<String, String> expected = new HashMap<>(); // run key -> email
        Set<String> runs = new HashSet<>();
        for (JsonNode r : truth.get("runs")) {
            String key = Keys.run(r.get("dag_id").asText(), r.get("run_id").asText());
            runs.add(key);
            JsonNode by = r.get("triggered_by");
            if (by != null && by.isTextual() && !by.asText().equals("scheduler")) {
                expected.put(key, by.asText().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, int[]> byMethod = new HashMap<>();
        expected.forEach((k, v) -> row(byMethod, "truth:proxy")[2]++);
        int correct = 0;
        int claimed = 0;
        for (EcsDocument d : records) {
            if (d.kind() != Kind.RUNS || !runs.contains(d.id())) {
                continue;
            }
            String human = d.getString(Ecs.USER_EMAIL);
            if (human == null && "manual".equals(d.getString(Ecs.AIRFLOW_RUN_TYPE))) {
                human = d.getString(Ecs.USER_NAME);
            }
            if (human == null) {
                continue;
            }
            String method = String.valueOf(d.getString(Ecs.RUNTRAIL_MATCH_METHOD));
            claimed++;
            row(byMethod, method)[1]++;
            if (human.toLowerCase(Locale.ROOT).equals(expected.get(d.id()))) {
                correct++;
                row(byMethod, method)[0]++;
                row(byMethod, "truth:proxy")[0]++;
            }
        }
        return new Score(correct, claimed, expected.size(), byMethod);
    }

    private static int[] row(Map<String, int[]> rows, String method) {
        return rows.computeIfAbsent(method, k -> new int[3]);
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(v.toString()));
        } else if (value != null) {
            out.add(value.toString());
        }
        return out;
    }

    /** Host by first DNS label, logon id as a number, logon time to the millisecond. */
    static String sessionId(String host, String logonId, Instant logonTime) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        int dot = h.indexOf('.');
        if (dot > 0) {
            h = h.substring(0, dot);
        }
        String id = logonId == null ? "" : logonId.toLowerCase(Locale.ROOT);
        long number = id.startsWith("0x") ? Long.parseUnsignedLong(id.substring(2), 16) : parse(id);
        return h + "|" + number + "|" + logonTime.toEpochMilli();
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long revision(EcsDocument d) {
        Long r = d.getLong(Ecs.RUNTRAIL_REVISION);
        return r == null ? 0 : r;
    }

    @Override
    public String toString() {
        return "session -> attempt: " + sessionLinks + "\nrun -> human:       " + runHumans;
    }
}
