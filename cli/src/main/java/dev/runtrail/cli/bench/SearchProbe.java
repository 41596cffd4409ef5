package dev.runtrail.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks Elasticsearch which sequence numbers have become searchable: a range query on the sequence
 * field from the lowest number not yet seen, sorted, doc values only.
 */
final class SearchProbe {
    static final int PAGE = 10_000;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI search;

    SearchProbe(String esUrl, String indexPattern) {
        this.search = URI.create(esUrl + "/" + indexPattern + "/_search");
    }

    /**
     * Sequence numbers at or above {@code from} that a search sees now, ascending. Pages with
     * {@code search_after} so that a gap (one partition behind the other) does not hide the records
     * above it behind a full first page.
     */
    List<Long> visibleFrom(long from) throws IOException, InterruptedException {
        List<Long> all = new ArrayList<>();
        long after = -1;
        while (true) {
            List<Long> page = page(from, after);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }

    private List<Long> page(long from, long after) throws IOException, InterruptedException {
        String body =
                "{\"size\":"
                        + PAGE
                        + ",\"_source\":false,\"track_total_hits\":false,\"docvalue_fields\":[\""
                        + ProxyLines.SEQUENCE_FIELD
                        + "\"],\"query\":{\"range\":{\""
                        + ProxyLines.SEQUENCE_FIELD
                        + "\":{\"gte\":"
                        + from
                        + "}}},\"sort\":[{\""
                        + ProxyLines.SEQUENCE_FIELD
                        + "\":\"asc\"}]"
                        + (after >= 0 ? ",\"search_after\":[" + after + "]" : "")
                        + "}";
        HttpRequest request =
                HttpRequest.newBuilder(search)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return List.of(); // no index yet: nothing has arrived
        }
        if (response.statusCode() != 200) {
            throw new IOException(
                    "Search on "
                            + search
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return sequences(response.body());
    }

    /**
     * The sort values of the hits ({@code "sort":[N]}), which are the sequence numbers. A small
     * scanner is enough: the response shape is fixed by the request above.
     */
    static List<Long> sequences(String responseBody) {
        List<Long> out = new ArrayList<>();
        String marker = "\"sort\":[";
        int i = responseBody.indexOf(marker);
        while (i >= 0) {
            int start = i + marker.length();
            int end = start;
            while (end < responseBody.length() && Character.isDigit(responseBody.charAt(end))) {
                end++;
            }
            if (end > start) {
                out.add(Long.parseLong(responseBody.substring(start, end)));
            }
            i = responseBody.indexOf(marker, end);
        }
        return out;
    }
}
