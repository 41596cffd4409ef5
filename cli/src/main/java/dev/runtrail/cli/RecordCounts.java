package dev.runtrail.cli;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.sampledata.accuracy.AccuracyReport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Distinct records where the job wrote them (runs, attempts, sessions, and how many of them are
 * linked), read back after a run: the job itself only counts revisions.
 *
 * @param runs distinct runs
 * @param humanRuns runs attributed to an authenticated human (user.name from the proxy)
 * @param attempts distinct attempts
 * @param sessions distinct sessions
 * @param linkedSessions sessions linked to a task attempt
 * @param alerts distinct alerts
 * @param wholeIndex whether these are totals of Elasticsearch indices, which also hold what earlier
 *     imports wrote there (an NDJSON directory holds this run's output alone)
 */
record RecordCounts(
        long runs,
        long humanRuns,
        long attempts,
        long sessions,
        long linkedSessions,
        long alerts,
        boolean wholeIndex) {
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final String LINKED =
            "_exists_:runtrail.match.method AND NOT runtrail.match.method:ambiguous";

    /** Counts from an NDJSON output directory (later lines with the same id supersede). */
    static RecordCounts fromNdjson(Path dir) throws IOException {
        Map<Kind, Map<String, EcsDocument>> latest = new HashMap<>();
        for (Kind kind : List.of(Kind.RUNS, Kind.ATTEMPTS, Kind.SESSIONS, Kind.ALERTS)) {
            latest.put(kind, AccuracyReport.latest(NdjsonOutput.read(dir, kind)));
        }
        Map<String, EcsDocument> runs = latest.get(Kind.RUNS);
        Map<String, EcsDocument> sessions = latest.get(Kind.SESSIONS);
        return new RecordCounts(
                runs.size(),
                runs.values().stream().filter(d -> d.has(Ecs.USER_NAME)).count(),
                latest.get(Kind.ATTEMPTS).size(),
                sessions.size(),
                sessions.values().stream().filter(RecordCounts::linked).count(),
                latest.get(Kind.ALERTS).size(),
                false);
    }

    private static boolean linked(EcsDocument session) {
        String method = session.getString(Ecs.RUNTRAIL_MATCH_METHOD);
        return method != null && !method.equals("ambiguous");
    }

    /** Counts from Elasticsearch aliases (refreshed first so the run's writes are visible). */
    static RecordCounts fromElasticsearch(String url, String prefix)
            throws IOException, InterruptedException {
        send(
                HttpRequest.newBuilder(URI.create(url + "/" + prefix + "-*/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
        return new RecordCounts(
                count(url, Kind.RUNS.alias(prefix), null),
                count(url, Kind.RUNS.alias(prefix), "_exists_:user.name"),
                count(url, Kind.ATTEMPTS.alias(prefix), null),
                count(url, Kind.SESSIONS.alias(prefix), null),
                count(url, Kind.SESSIONS.alias(prefix), LINKED),
                count(url, Kind.ALERTS.alias(prefix), null),
                true);
    }

    /** Documents in an alias, optionally matching a query-string query; 0 when absent. */
    static long count(String url, String alias, String query)
            throws IOException, InterruptedException {
        String q = query == null ? "" : "?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(url + "/" + alias + "/_count" + q)).GET());
        if (response.statusCode() != 200) {
            return 0;
        }
        Matcher m = COUNT.matcher(response.body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
