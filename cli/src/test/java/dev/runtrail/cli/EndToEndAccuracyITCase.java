package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.sampledata.Scenario;
import dev.runtrail.sampledata.ScenarioConfig;
import dev.runtrail.sampledata.accuracy.AccuracyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<EcsDocument> records = new ArrayList<>();
        for (Kind kind : new Kind[] {Kind.SESSIONS, Kind.ATTEMPTS, Kind.RUNS}) {
            records.addAll(NdjsonOutput.read(out, kind));
        }
        AccuracyReport report =
                AccuracyReport.score(
                        scenario.resolve(Scenario.TRUTH), AccuracyReport.latest(records).values());
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
}
