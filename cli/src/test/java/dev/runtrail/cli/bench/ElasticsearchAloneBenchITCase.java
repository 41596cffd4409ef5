package dev.runtrail.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.local.junit.ElasticsearchNode;
import dev.runtrail.local.junit.RealElasticsearch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bench es-alone} indexes every parsed document of a small scenario without a refused one,
 * and leaves no index behind.
 */
@RealElasticsearch
class ElasticsearchAloneBenchITCase {
    private static final Pattern PARSED = Pattern.compile("parsed (\\d+) documents");
    private static final Pattern ROUND =
            Pattern.compile("round 1 of 1 \\(cold node JIT\\): (\\d+) documents in (\\d+) bulk");

    @Test
    void everyDocumentIsAcceptedAndTheIndicesAreGoneAfterwards(ElasticsearchNode es)
            throws Exception {
        CapturedRun run =
                CapturedRun.of(
                        "bench",
                        "es-alone",
                        "--events",
                        "3000",
                        "--rounds",
                        "1",
                        "--batch",
                        "250",
                        "--es",
                        es.url());
        String printed = run.out();
        String logged = run.err();

        assertThat(run.code()).as(printed + logged).isZero();
        Matcher parsed = PARSED.matcher(logged);
        assertThat(parsed.find()).as(logged).isTrue();
        long documents = Long.parseLong(parsed.group(1));
        assertThat(documents).isGreaterThan(2000);
        Matcher round = ROUND.matcher(printed);
        assertThat(round.find()).as(printed).isTrue();
        assertThat(Long.parseLong(round.group(1))).isEqualTo(documents);
        assertThat(Long.parseLong(round.group(2))).isEqualTo((documents + 249) / 250);
        assertThat(printed).contains(", 0 failed:");

        HttpResponse<String> left =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        es.url()
                                                                + "/_cat/indices/runtrail-es-alone-*"
                                                                + "?h=index"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(left.body().trim()).isEmpty();
    }
}
