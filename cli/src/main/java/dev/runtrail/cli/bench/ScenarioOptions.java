package dev.runtrail.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The input of a pipeline bench: a generated scenario, or existing files. */
final class ScenarioOptions {
    @Option(
            names = "--events",
            defaultValue = "200000",
            description = "About how many source records to generate (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", defaultValue = "7", description = "Scenario seed.")
    long seed;

    @Option(
            names = "--scale",
            defaultValue = "1.0",
            description = "Scenario scale (activity per day; default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description =
                    "Read these files instead of generating a scenario (kept afterwards), e.g. a"
                            + " scenario written by the generator or real exports.")
    Path inputDir;

    /** The files to read; a generated scenario is deleted when the input is closed. */
    ScenarioInput open(PrintStream log) throws IOException {
        return inputDir != null
                ? ScenarioInput.existing(inputDir, log)
                : ScenarioInput.generate(events, seed, scale, log);
    }
}
