package dev.runtrail.cli;

import dev.runtrail.cli.job.AuditJob;
import dev.runtrail.local.LocalElasticsearch;
import dev.runtrail.sinks.SinkSettings;
import dev.runtrail.sinks.Sinks;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSinkOptions;
import dev.runtrail.sinks.kafka.KafkaSinkOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;

/**
 * Turns the output flags of a command into sink settings: {@code --es URL}, {@code --out DIR}, or,
 * with neither, the local node started by {@code runtrail es start}. Credentials for a remote
 * Elasticsearch come from the environment or files named by the sink options, never from flags.
 */
final class Targets {
    private Targets() {}

    /** Reads back what a finished run wrote, for the summary (null when it cannot). */
    @FunctionalInterface
    interface Counter {
        RecordCounts count() throws Exception;
    }

    /** The outputs to attach, a sentence saying where documents go, and how to count them. */
    record Resolved(AuditJob.Outputs outputs, String description, Counter counter) {
        /** Distinct records written, or null when the target cannot be read back. */
        RecordCounts counts() {
            try {
                return counter == null ? null : counter.count();
            } catch (Exception e) {
                return null;
            }
        }
    }

    static Resolved resolve(String esUrl, Path outDir, String indexPrefix) {
        return resolve(esUrl, outDir, null, indexPrefix);
    }

    /**
     * @param kafkaOut bootstrap servers to also write documents to ({@code runtrail.events}, {@code
     *     runtrail.alerts}, ...), or null
     */
    static Resolved resolve(String esUrl, Path outDir, String kafkaOut, String indexPrefix) {
        Configuration conf = new Configuration();
        String description = "";
        String esTarget = null;
        if (kafkaOut != null) {
            conf.set(KafkaSinkOptions.BOOTSTRAP_SERVERS, kafkaOut);
            description = "Kafka at " + kafkaOut + " (topics runtrail.<kind>)";
            if (esUrl == null && outDir == null) {
                SinkSettings settings = SinkSettings.from(conf);
                return new Resolved(
                        (documents, revisions) -> Sinks.attach(documents, settings, revisions),
                        description,
                        null);
            }
            description += " and ";
        }
        if (outDir != null) {
            conf.set(SinkSettings.NDJSON_DIR, outDir.toAbsolutePath().toString());
            description += "NDJSON files in " + outDir.toAbsolutePath();
        } else {
            String url = esUrl != null ? esUrl : localNode();
            esTarget = url;
            conf.set(ElasticsearchSinkOptions.HOSTS, List.of(url));
            conf.set(ElasticsearchSinkOptions.INDEX_PREFIX, indexPrefix);
            description += "Elasticsearch at " + url + " (indices " + indexPrefix + "-*)";
        }
        SinkSettings settings = SinkSettings.from(conf);
        String esUrlUsed = esTarget;
        Counter counter =
                outDir != null
                        ? () -> RecordCounts.fromNdjson(outDir)
                        : () -> RecordCounts.fromElasticsearch(esUrlUsed, indexPrefix);
        return new Resolved(
                (documents, revisions) -> Sinks.attach(documents, settings, revisions),
                description,
                counter);
    }

    private static String localNode() {
        Optional<LocalElasticsearch> node = LocalElasticsearch.findRunning(EsCommand.NODE);
        return node.map(LocalElasticsearch::url)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "No output given and no local Elasticsearch node is running;"
                                                + " expected --es URL or --out DIR, or start the"
                                                + " local node first: ./runtrail es start"));
    }
}
