package dev.runtrail.cli;

import dev.runtrail.cli.job.AuditJob;
import dev.runtrail.local.LocalElasticsearch;
import dev.runtrail.sinks.SinkSettings;
import dev.runtrail.sinks.Sinks;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSinkOptions;
import dev.runtrail.sinks.kafka.KafkaSinkOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the output flags of a command and its settings into sink settings. The flags ({@code --es
 * URL}, {@code --out DIR}, {@code --kafka-out BOOTSTRAP}) choose the outputs; without any, the
 * outputs the settings name ({@code runtrail.es.hosts}, ...), and without those the local node
 * started by {@code runtrail es start}. Everything else about an output (TLS, credentials from the
 * environment or files, bulk sizes) comes from the settings.
 */
final class Targets {
    private static final Logger LOG = LoggerFactory.getLogger(Targets.class);

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
        return resolve(esUrl, outDir, null, indexPrefix, new Configuration());
    }

    /**
     * @param kafkaOut bootstrap servers to also write documents to ({@code runtrail.events}, {@code
     *     runtrail.alerts}, ...), or null
     * @param indexPrefix the index prefix, or null for the settings' (default {@code runtrail})
     * @param settings the command's settings ({@link RuntrailConfig})
     */
    static Resolved resolve(
            String esUrl,
            Path outDir,
            String kafkaOut,
            String indexPrefix,
            Configuration settings) {
        Configuration conf = new Configuration(settings);
        if (esUrl != null || outDir != null || kafkaOut != null) {
            conf.removeConfig(ElasticsearchSinkOptions.HOSTS);
            conf.removeConfig(SinkSettings.NDJSON_DIR);
            conf.removeConfig(KafkaSinkOptions.BOOTSTRAP_SERVERS);
            if (esUrl != null) {
                conf.set(ElasticsearchSinkOptions.HOSTS, List.of(esUrl));
            }
            if (outDir != null) {
                conf.set(SinkSettings.NDJSON_DIR, outDir.toAbsolutePath().toString());
            }
            if (kafkaOut != null) {
                conf.set(KafkaSinkOptions.BOOTSTRAP_SERVERS, kafkaOut);
            }
        } else if (!conf.contains(ElasticsearchSinkOptions.HOSTS)
                && !conf.contains(SinkSettings.NDJSON_DIR)
                && !conf.contains(KafkaSinkOptions.BOOTSTRAP_SERVERS)) {
            conf.set(ElasticsearchSinkOptions.HOSTS, List.of(localNode()));
        }
        if (indexPrefix != null) {
            conf.set(ElasticsearchSinkOptions.INDEX_PREFIX, indexPrefix);
        }
        SinkSettings sinks;
        try {
            sinks = SinkSettings.from(conf);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e);
        }
        List<String> places = new ArrayList<>();
        sinks.kafka()
                .ifPresent(
                        k ->
                                places.add(
                                        "Kafka at "
                                                + k.bootstrapServers()
                                                + " (topics "
                                                + k.topicPrefix()
                                                + ".<kind>)"));
        sinks.ndjsonDir().ifPresent(dir -> places.add("NDJSON files in " + dir));
        sinks.elasticsearch()
                .ifPresent(
                        es -> {
                            places.add(
                                    "Elasticsearch at "
                                            + String.join(
                                                    ", ",
                                                    es.hosts().stream().map(URI::toString).toList())
                                            + " (indices "
                                            + es.indexPrefix()
                                            + "-*)");
                            warnIfUnprotected(es);
                        });
        Optional<Path> dir = sinks.ndjsonDir();
        Optional<ElasticsearchSettings> es = sinks.elasticsearch();
        Counter counter =
                dir.isPresent()
                        ? () -> RecordCounts.fromNdjson(dir.get())
                        : es.isPresent() ? () -> RecordCounts.fromElasticsearch(es.get()) : null;
        return new Resolved(
                (documents, revisions) -> Sinks.attach(documents, sinks, revisions),
                String.join(" and ", places),
                counter);
    }

    /**
     * Logs a warning when {@code es} would reach a host other than this machine without TLS or
     * without credentials, as only a local node should be reached.
     */
    static void warnIfUnprotected(ElasticsearchSettings es) {
        List<URI> exposed = es.unprotectedRemoteHosts();
        if (!exposed.isEmpty()) {
            LOG.warn(
                    "Elasticsearch at {} is reached without TLS or without credentials. Outside"
                            + " a local node use https:// with an API key or a user: {} or {},"
                            + " and {} when the CA is not a public one (README, Configuration).",
                    exposed,
                    ElasticsearchSinkOptions.API_KEY_ENV.key(),
                    ElasticsearchSinkOptions.USERNAME.key(),
                    ElasticsearchSinkOptions.TLS_CA_FILE.key());
        }
    }

    /** The URL of the local node ({@code runtrail es start}), when it is running. */
    static Optional<String> localNodeUrl() {
        return LocalElasticsearch.findRunning(EsCommand.NODE).map(LocalElasticsearch::url);
    }

    private static String localNode() {
        return localNodeUrl()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "No output given and no local Elasticsearch node is running;"
                                                + " expected --es URL or --out DIR, or start the"
                                                + " local node first: ./runtrail es start"));
    }
}
