package dev.runtrail.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchProbeTest {
    @Test
    void readsTheSortValuesOfTheHits() {
        String response =
                "{\"took\":3,\"timed_out\":false,\"hits\":{\"max_score\":null,\"hits\":["
                        + "{\"_index\":\"x-events-2026.12\",\"_id\":\"a\",\"_score\":null,"
                        + "\"fields\":{\"http.response.body.bytes\":[17]},\"sort\":[17]},"
                        + "{\"_index\":\"x-events-2026.12\",\"_id\":\"b\",\"_score\":null,"
                        + "\"fields\":{\"http.response.body.bytes\":[1000001]},\"sort\":[1000001]}"
                        + "]}}";
        assertThat(SearchProbe.sequences(response)).containsExactly(17L, 1000001L);
    }

    @Test
    void noHitsGiveAnEmptyList() {
        assertThat(SearchProbe.sequences("{\"hits\":{\"hits\":[]}}")).isEmpty();
    }

    @Test
    void theLineCarriesTheSequenceInTheSizeColumn() {
        String line = ProxyLines.line(42, java.time.Instant.parse("2026-12-01T22:59:07.345Z"));
        assertThat(line)
                .contains("[2026/12/01 22:59:07]")
                .endsWith("\"runtrail-bench\" 200 42 0.001");
    }
}
