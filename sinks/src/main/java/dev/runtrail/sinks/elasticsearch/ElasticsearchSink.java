package dev.runtrail.sinks.elasticsearch;

import dev.runtrail.model.EcsDocument;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.connector.base.sink.writer.strategy.AIMDScalingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.CongestionControlRateLimitingStrategy;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes {@link EcsDocument}s to Elasticsearch with bulk index requests: deterministic ids (a
 * replay overwrites, never duplicates), retries with backoff for passing failures, dead letters for
 * refused documents, bounded in-flight requests, and nothing acknowledged lost on restore (buffered
 * entries are part of the checkpoint; in-flight requests finish before it completes).
 *
 * <p>Install the index templates ({@link dev.runtrail.sinks.templates.TemplateInstaller}) before
 * the job writes; {@link dev.runtrail.sinks.Sinks} does that.
 */
public final class ElasticsearchSink extends AsyncSinkBase<EcsDocument, BulkEntry> {
    private static final long serialVersionUID = 1L;

    /**
     * Slack on top of the HTTP timeout and the longest backoff before the writer gives up on a
     * request.
     */
    private static final long REQUEST_TIMEOUT_SLACK_MS = 30_000;

    private final ElasticsearchSettings settings;

    public ElasticsearchSink(ElasticsearchSettings settings) {
        super(
                new DocumentConverter(settings.indexPrefix()),
                settings.bulkMaxActions(),
                settings.maxInFlight(),
                settings.maxBuffered(),
                settings.bulkMaxBytes(),
                settings.bulkInterval().toMillis(),
                settings.maxRecordBytes(),
                settings.requestTimeout().toMillis()
                        + settings.retry().maxBackoff().toMillis()
                        + REQUEST_TIMEOUT_SLACK_MS,
                false);
        this.settings = settings;
    }

    public ElasticsearchSettings settings() {
        return settings;
    }

    @Override
    public StatefulSinkWriter<EcsDocument, BufferedRequestState<BulkEntry>> createWriter(
            WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<EcsDocument, BufferedRequestState<BulkEntry>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<BulkEntry>> states) {
        return new ElasticsearchSinkWriter(
                settings,
                (DocumentConverter) getElementConverter(),
                context,
                writerConfiguration(),
                states);
    }

    private AsyncSinkWriterConfiguration writerConfiguration() {
        int maxMessages = getMaxBatchSize() * getMaxInFlightRequests();
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .setRequestTimeoutMS(getRequestTimeoutMS())
                .setFailOnTimeout(getFailOnTimeout())
                // Start at full speed; halve the batch on 429s and retries, grow back additively.
                .setRateLimitingStrategy(
                        CongestionControlRateLimitingStrategy.builder()
                                .setMaxInFlightRequests(getMaxInFlightRequests())
                                .setInitialMaxInFlightMessages(maxMessages)
                                .setScalingStrategy(
                                        AIMDScalingStrategy.builder(maxMessages)
                                                // full batches again within ~10 requests after
                                                // an outage rather than ~100
                                                .setIncreaseRate(Math.max(10, maxMessages / 10))
                                                .build())
                                .build())
                .build();
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<BulkEntry>> getWriterStateSerializer() {
        return new BulkEntrySerializer();
    }
}
