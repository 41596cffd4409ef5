package dev.runtrail.cli;

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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runtrail bench accuracy}: runs the whole job over a scenario with ground truth and prints
 * precision and recall of session→attempt and run→human links, per match method.
 */
@Command(
        name = "accuracy",
        description = {
            "Run the job over a scenario with ground truth (truth.json) and print precision and"
                    + " recall of session->attempt and run->human links, per match method.",
            "By default the bundled sample-data; --seed generates a fresh scenario instead."
        })
public final class AccuracyCommand implements Callable<Integer> {
    @Option(
            names = "--input",
            paramLabel = "DIR",
            description = "A scenario folder holding truth.json.")
    Path input;

    @Option(names = "--seed", description = "Generate a scenario with this seed (bundled shape).")
    Long seed;

    @Option(
            names = "--scale",
            defaultValue = "1.0",
            description = "Scale of a generated scenario (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(
            names = "--days",
            defaultValue = "1",
            description = "Days of a generated scenario (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("runtrail-accuracy-");
        Path scenario = input;
        if (seed != null) {
            scenario = work.resolve("scenario");
            ScenarioConfig b = ScenarioConfig.BUNDLED;
            ScenarioConfig config =
                    new ScenarioConfig(seed, b.startDate(), days, b.dags(), b.hosts(), scale);
            System.err.println("Generating scenario (seed " + seed + ") in " + scenario);
            Scenario.generate(config, scenario);
        } else if (scenario == null) {
            scenario = DemoCommand.bundledScenario();
        }
        Path truth = scenario.resolve(Scenario.TRUTH);
        if (!Files.isRegularFile(truth)) {
            System.err.println(
                    "runtrail bench accuracy: cannot read "
                            + truth
                            + ": expected a scenario folder with truth.json.");
            return ExitCodes.IO;
        }
        Path out = work.resolve("out");
        JobSummary summary =
                JobRunner.runFiles(
                        List.of(scenario),
                        null,
                        2,
                        Targets.resolve(null, out, "runtrail"),
                        "runtrail bench accuracy");
        List<EcsDocument> records = new ArrayList<>();
        for (Kind kind : new Kind[] {Kind.SESSIONS, Kind.ATTEMPTS, Kind.RUNS}) {
            records.addAll(NdjsonOutput.read(out, kind));
        }
        AccuracyReport report =
                AccuracyReport.score(truth, AccuracyReport.latest(records).values());
        System.out.println(
                "scenario "
                        + scenario
                        + " ("
                        + summary.read()
                        + " records, "
                        + summary.deadLetters()
                        + " dead-lettered)");
        System.out.println(report);
        return ExitCodes.OK;
    }
}
