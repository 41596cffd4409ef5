package dev.runtrail.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --config FILE} and {@code -D KEY=VALUE}, for the commands that run the job or parse. */
final class ConfigMixin {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "YAML file of settings: runtrail.es.* (TLS, API key or user from env or"
                            + " file, bulk sizes), runtrail.kafka.*, correlation.*,"
                            + " runtrail.airflow.*, runtrail.proxy.*, or Flink options.")
    Path file;

    @Option(
            names = "-D",
            paramLabel = "KEY=VALUE",
            description =
                    "One setting, over --config (repeatable), e.g. -D correlation.session.ttl=12h.")
    Map<String, String> properties = new LinkedHashMap<>();

    /**
     * Reads and checks the settings and hands the parser settings to the parsers.
     *
     * @throws ParameterException (exit 1) for an unknown key or a value that does not parse
     * @throws IOException (exit 2) when the file cannot be read
     */
    Configuration load() throws IOException {
        Configuration conf;
        try {
            conf = RuntrailConfig.load(file, properties);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RuntrailConfig.applyParserSettings(conf);
        return conf;
    }
}
