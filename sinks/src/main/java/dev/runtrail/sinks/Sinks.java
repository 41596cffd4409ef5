package dev.runtrail.sinks;

import dev.runtrail.model.EcsDocument;
import dev.runtrail.sinks.elasticsearch.ClusterHealth;
import dev.runtrail.sinks.elasticsearch.ElasticsearchClients;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSink;
import dev.runtrail.sinks.kafka.KafkaDocumentSink;
import dev.runtrail.sinks.kafka.KafkaTopics;
import dev.runtrail.sinks.ndjson.NdjsonSink;
import dev.runtrail.sinks.templates.TemplateInstaller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.elasticsearch.client.RestClient;

/**
 * The one place a job hands its documents to the outputs: {@link #attach} adds every configured
 * sink with a stable uid and name, so savepoints survive changes to the rest of the graph.
 */
public final class Sinks {
    private Sinks() {}

    public static final String ELASTICSEARCH_UID = "sink-elasticsearch";
    public static final String KAFKA_UID = "sink-kafka";
    public static final String NDJSON_UID = "sink-ndjson";

    /** Adds the configured sinks to a stream that may carry several revisions of an id. */
    public static void attach(DataStream<EcsDocument> documents, SinkSettings settings) {
        attach(documents, settings, Revisions.MANY_PER_ID);
    }

    /**
     * Adds the configured sinks to {@code documents}. With Elasticsearch configured and template
     * installation on, the templates are installed here, before the job is submitted, so the first
     * monthly index is created with the right mappings. With Kafka configured, its absent output
     * topics are created here too ({@link KafkaTopics}).
     */
    public static void attach(
            DataStream<EcsDocument> documents, SinkSettings settings, Revisions revisions) {
        settings.elasticsearch()
                .ifPresent(
                        es -> {
                            if (es.installTemplates()) {
                                installTemplates(es);
                            }
                            documents
                                    .sinkTo(new ElasticsearchSink(es))
                                    .uid(ELASTICSEARCH_UID)
                                    .name("Elasticsearch " + es.hosts());
                        });
        settings.kafka()
                .ifPresent(
                        kafka -> {
                            KafkaTopics.ensure(kafka, Duration.ofSeconds(60));
                            documents
                                    .sinkTo(KafkaDocumentSink.build(kafka))
                                    .uid(KAFKA_UID)
                                    .name("Kafka " + kafka.topicPrefix() + ".*");
                        });
        settings.ndjsonDir()
                .ifPresent(
                        dir ->
                                // Every revision of a document must reach the same part file in
                                // order, so that "a later line with the same _id supersedes"
                                // holds. Correlation produces all revisions of an id in one
                                // subtask of one keyed operator; a forward edge keeps them on
                                // that subtask's channel (and fails the graph if a parallelism
                                // change would put a rebalance there), which costs nothing where
                                // a keyBy would shuffle (and in batch mode sort) every document.
                                (revisions == Revisions.MANY_PER_ID
                                                ? documents.forward()
                                                : documents)
                                        .sinkTo(new NdjsonSink(dir, !streaming(documents)))
                                        .uid(NDJSON_UID)
                                        .name("NDJSON " + dir));
    }

    /** Whether the job runs in streaming mode (not batch, nor left to Flink to choose). */
    private static boolean streaming(DataStream<EcsDocument> documents) {
        return documents
                        .getExecutionEnvironment()
                        .getConfiguration()
                        .get(ExecutionOptions.RUNTIME_MODE)
                == RuntimeExecutionMode.STREAMING;
    }

    /** Installs (or confirms) the index templates, as a job does when it starts. */
    public static TemplateInstaller.Result installTemplates(ElasticsearchSettings settings) {
        return installTemplates(settings, Duration.ofSeconds(30));
    }

    /**
     * Installs (or confirms) the index templates once the cluster accepts writes; what {@code
     * runtrail setup} runs.
     *
     * @param timeout how long to wait for the cluster to become writable
     */
    public static TemplateInstaller.Result installTemplates(
            ElasticsearchSettings settings, Duration timeout) {
        try (RestClient client = ElasticsearchClients.restClient(settings)) {
            ClusterHealth.awaitWritable(client, timeout);
            return new TemplateInstaller(client).install(settings.indexPrefix());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot install the index templates into "
                            + settings.hosts()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
