package dev.runtrail.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioGeneratorTest {
    @Test
    void commandLineWritesTheRequestedWorld(@TempDir Path tmp) throws Exception {
        ScenarioGenerator.main(
                new String[] {
                    "--out",
                    tmp.toString(),
                    "--seed",
                    "3",
                    "--start",
                    "2024-02-29",
                    "--days",
                    "1",
                    "--dags",
                    "2",
                    "--hosts",
                    "2",
                    "--scale",
                    "0.5"
                });
        JsonNode truth = ScenarioOutput.JSON.readTree(tmp.resolve("truth.json").toFile());
        assertThat(truth.get("seed").asLong()).isEqualTo(3);
        assertThat(truth.get("start_date").asText()).isEqualTo("2024-02-29");
        assertThat(truth.get("dags")).hasSize(2);
        // Two target hosts plus the Windows worker's own log.
        assertThat(truth.get("hosts")).hasSize(3);
        assertThat(truth.get("runs").size()).isPositive();
    }
}
