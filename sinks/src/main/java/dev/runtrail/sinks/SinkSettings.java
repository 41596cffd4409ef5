package dev.runtrail.sinks;

import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSinkOptions;
import dev.runtrail.sinks.kafka.KafkaSinkOptions;
import dev.runtrail.sinks.kafka.KafkaSinkSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Which outputs a job writes to. Any combination is allowed; at least one is required.
 *
 * @param elasticsearch the Elasticsearch sink, if configured
 * @param kafka the Kafka sink, if configured
 * @param ndjsonDir the NDJSON output directory ({@code --out DIR}), if configured
 */
public record SinkSettings(
        Optional<ElasticsearchSettings> elasticsearch,
        Optional<KafkaSinkSettings> kafka,
        Optional<Path> ndjsonDir) {

    public static final ConfigOption<String> NDJSON_DIR =
            ConfigOptions.key("runtrail.out.dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Directory for NDJSON output: DIR/<kind>.ndjson, or part files under"
                                    + " DIR/<kind>/ when the sink runs with parallelism > 1.");

    public SinkSettings {
        if (elasticsearch.isEmpty() && kafka.isEmpty() && ndjsonDir.isEmpty()) {
            throw new IllegalArgumentException(
                    "No output is configured: set "
                            + ElasticsearchSinkOptions.HOSTS.key()
                            + ", "
                            + KafkaSinkOptions.BOOTSTRAP_SERVERS.key()
                            + " or "
                            + NDJSON_DIR.key()
                            + " (--es, --kafka or --out).");
        }
    }

    /** Reads every configured sink; a sink is configured when its address option is set. */
    public static SinkSettings from(Configuration conf) {
        return new SinkSettings(
                conf.getOptional(ElasticsearchSinkOptions.HOSTS)
                        .map(hosts -> ElasticsearchSettings.from(conf)),
                conf.getOptional(KafkaSinkOptions.BOOTSTRAP_SERVERS)
                        .map(servers -> KafkaSinkSettings.from(conf)),
                conf.getOptional(NDJSON_DIR).map(Path::of));
    }

    public static SinkSettings elasticsearchOnly(ElasticsearchSettings settings) {
        return new SinkSettings(Optional.of(settings), Optional.empty(), Optional.empty());
    }

    public static SinkSettings ndjsonOnly(Path dir) {
        return new SinkSettings(Optional.empty(), Optional.empty(), Optional.of(dir));
    }
}
