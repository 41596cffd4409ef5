package dev.runtrail.cli;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.sampledata.accuracy.AccuracyReport;
import dev.runtrail.sinks.elasticsearch.ElasticsearchClients;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

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

    /**
     * Counts from Elasticsearch aliases (refreshed first so the run's writes are visible), with the
     * sink's own connection settings (TLS, credentials).
     */
    static RecordCounts fromElasticsearch(ElasticsearchSettings settings) throws IOException {
        String prefix = settings.indexPrefix();
        try (RestClient client = ElasticsearchClients.restClient(settings)) {
            client.performRequest(new Request("POST", "/" + prefix + "-*/_refresh"));
            return new RecordCounts(
                    count(client, Kind.RUNS.alias(prefix), null),
                    count(client, Kind.RUNS.alias(prefix), "_exists_:user.name"),
                    count(client, Kind.ATTEMPTS.alias(prefix), null),
                    count(client, Kind.SESSIONS.alias(prefix), null),
                    count(client, Kind.SESSIONS.alias(prefix), LINKED),
                    count(client, Kind.ALERTS.alias(prefix), null),
                    true);
        }
    }

    /** Documents in an alias, optionally matching a query-string query; 0 when it is absent. */
    static long count(RestClient client, String alias, String query) throws IOException {
        Request request = new Request("GET", "/" + alias + "/_count");
        if (query != null) {
            request.addParameter("q", query);
        }
        try {
            Response response = client.performRequest(request);
            Matcher m = COUNT.matcher(EntityUtils.toString(response.getEntity()));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return 0;
            }
            throw e;
        }
    }
}
