package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.sampledata.Scenario;
import dev.runtrail.sampledata.ScenarioConfig;
import dev.runtrail.sampledata.accuracy.AccuracyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product as {@code runtrail run --input DIR --out OUT} runs it: the bounded job in batch mode
 * over a scenario folder, NDJSON output, no correlation configuration at all (no worker addresses,
 * no connection inventory). The output read back is scored against the scenario's truth.json, which
 * only the scoring reads.
 */
class EndToEndAccuracyITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path work;

    @Test
    void theBundledSampleDataCorrelatesWithoutConfiguration() throws Exception {
        Path root = Path.of(System.getProperty("runtrail.root", "."));
        Path scenario = root.resolve("sample-data");
        Assumptions.assumeTrue(
                Files.isRegularFile(scenario.resolve(Scenario.TRUTH)),
                "bundled sample-data absent: " + scenario);
        assertAccurate("sample-data", scenario);
    }

    @ParameterizedTest
    @ValueSource(longs = {7L, 99L})
    void aFreshScenarioCorrelatesWithoutConfiguration(long seed) throws Exception {
        Path scenario = work.resolve("scenario-" + seed);
        Scenario.generate(ScenarioConfig.BUNDLED.withSeed(seed), scenario);
        assertAccurate("seed " + seed, scenario);
    }

    private void assertAccurate(String name, Path scenario) throws Exception {
        Path out = work.resolve("out-" + name.replace(' ', '-'));
        JobSummary summary =
                JobRunner.runFiles(
                        List.of(scenario),
                        null,
                        2,
                        Targets.resolve(null, out, "runtrail"),
                        "end-to-end accuracy " + name);
        assertThat(summary.read()).isPositive();
        Map<String, EcsDocument> latest = new HashMap<>();
        int superseded = 0;
        for (Kind kind : new Kind[] {Kind.SESSIONS, Kind.ATTEMPTS, Kind.RUNS}) {
            superseded += assertEveryIdInOnePartFileWithRisingRevisions(out, kind);
            // read as the output contract says: a later line with the same _id supersedes
            for (EcsDocument d : NdjsonOutput.read(out, kind)) {
                latest.put(kind.id() + "/" + d.id(), d);
            }
        }
        // records are upserted as facts arrive: the check above had revisions to order
        assertThat(superseded).as("superseded revisions").isPositive();
        AccuracyReport report =
                AccuracyReport.score(scenario.resolve(Scenario.TRUTH), latest.values());
        System.out.println("end to end, " + name + ":\n" + report);

        assertThat(report.sessionLinks().expected()).as("session links expected").isPositive();
        assertThat(report.runHumans().expected()).as("run humans expected").isPositive();
        assertThat(report.sessionLinks().precision())
                .as("session->attempt precision")
                .isGreaterThanOrEqualTo(0.99);
        assertThat(report.sessionLinks().recall())
                .as("session->attempt recall")
                .isGreaterThanOrEqualTo(0.99);
        assertThat(report.runHumans().precision())
                .as("run->human precision")
                .isGreaterThanOrEqualTo(0.99);
        assertThat(report.runHumans().recall())
                .as("run->human recall")
                .isGreaterThanOrEqualTo(0.99);
    }

    /**
     * A reader that takes the last line of an id as its record must find all lines of that id in
     * one file, in revision order.
     */
    /**
     * @return how many lines were superseded by a later one
     */
    private static int assertEveryIdInOnePartFileWithRisingRevisions(Path out, Kind kind)
            throws Exception {
        Map<String, Path> fileOf = new HashMap<>();
        Map<String, Long> lastRevision = new HashMap<>();
        int lines = 0;
        for (Path file : NdjsonOutput.files(out, kind)) {
            for (String line : Files.readAllLines(file)) {
                JsonNode hit = JSON.readTree(line);
                String id = hit.get("_id").asText();
                long revision = hit.get("_source").get("runtrail").get("revision").asLong();
                Path before = fileOf.putIfAbsent(id, file);
                assertThat(before == null ? file : before)
                        .as("part file of every revision of %s %s", kind.id(), id)
                        .isEqualTo(file);
                Long previous = lastRevision.put(id, revision);
                assertThat(revision)
                        .as("revision order of %s %s", kind.id(), id)
                        .isGreaterThan(previous == null ? 0L : previous);
                lines++;
            }
        }
        return lines - fileOf.size();
    }
}
