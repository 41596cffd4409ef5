package dev.runtrail.sinks.elasticsearch;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import dev.runtrail.model.EcsDocument;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.DequeRequestBuffer;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.SimpleBatchCreator;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches of {@link BulkEntry} as bulk requests. {@link AsyncSinkWriter} does the buffering,
 * batching, in-flight limit and flush-on-checkpoint; this class only sends a batch and reports back
 * through the {@link ResultHandler}:
 *
 * <ul>
 *   <li>all stored: {@code complete()}.
 *   <li>some retryable: after a backoff, {@code retryForEntries} with those entries. The request
 *       keeps its in-flight slot while it waits, which slows the writer down as it should.
 *   <li>some refused: their dead letters go back into the buffer through {@code retryForEntries}
 *       and are sent like any document, so they are covered by checkpoints too.
 *   <li>a document out of retries, a dead letter refused, or a non-retryable request failure:
 *       {@code completeExceptionally}, the job fails and restarts from its last checkpoint.
 * </ul>
 */
final class ElasticsearchSinkWriter extends AsyncSinkWriter<EcsDocument, BulkEntry> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

    private final ElasticsearchSettings settings;
    private final DocumentConverter deadLetterConverter;
    private final RestClient restClient;
    private final ScheduledExecutorService backoffTimer;
    private final Clock clock = Clock.systemUTC();
    private final Counter indexed;
    private final Counter deadLettered;
    private final Counter retried;
    private final Counter staleRevisions;

    ElasticsearchSinkWriter(
            ElasticsearchSettings settings,
            DocumentConverter converter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            Collection<BufferedRequestState<BulkEntry>> states) {
        super(
                converter,
                context,
                configuration,
                states,
                new SimpleBatchCreator<>(configuration.getMaxBatchSizeInBytes()),
                new DequeRequestBuffer<>());
        this.settings = settings;
        this.deadLetterConverter = converter;
        this.restClient = ElasticsearchClients.restClient(settings);
        this.backoffTimer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "runtrail-es-backoff");
                            t.setDaemon(true);
                            return t;
                        });
        var metrics = context.metricGroup().addGroup("runtrail_es");
        this.indexed = metrics.counter("indexed", new ThreadSafeSimpleCounter());
        this.deadLettered = metrics.counter("deadLettered", new ThreadSafeSimpleCounter());
        this.retried = metrics.counter("retried", new ThreadSafeSimpleCounter());
        this.staleRevisions = metrics.counter("staleRevisions", new ThreadSafeSimpleCounter());
    }

    @Override
    protected void submitRequestEntries(List<BulkEntry> entries, ResultHandler<BulkEntry> handler) {
        restClient.performRequestAsync(
                BulkBody.of(entries).request(),
                new ResponseListener() {
                    @Override
                    public void onSuccess(Response response) {
                        try {
                            onResponse(
                                    entries,
                                    handler,
                                    BulkResponseInspector.parse(response.getEntity().getContent()));
                        } catch (IOException | RuntimeException e) {
                            handler.completeExceptionally(
                                    new ElasticsearchSinkException(
                                            "Cannot read the answer to a bulk request of "
                                                    + entries.size()
                                                    + " documents: "
                                                    + e,
                                            e));
                        }
                    }

                    @Override
                    public void onFailure(Exception failure) {
                        try {
                            onRequestFailure(entries, handler, failure);
                        } catch (RuntimeException e) {
                            handler.completeExceptionally(e);
                        }
                    }
                });
    }

    private void onResponse(
            List<BulkEntry> entries, ResultHandler<BulkEntry> handler, BulkResponse response) {
        BulkOutcome outcome = BulkResponseInspector.inspect(entries, response);
        indexed.inc(outcome.indexed());
        staleRevisions.inc(outcome.staleRevisions());
        if (outcome.allDone()) {
            handler.complete();
            return;
        }
        if (!outcome.blocked().isEmpty()) {
            handler.completeExceptionally(
                    new ElasticsearchSinkException(
                            blockedMessage(outcome.blocked(), settings.indexPrefix())));
            return;
        }
        List<BulkEntry> next = new ArrayList<>();
        for (BulkOutcome.Rejected rejected : outcome.rejected()) {
            if (rejected.entry().isDeadLetter()) {
                handler.completeExceptionally(
                        new ElasticsearchSinkException(
                                "Elasticsearch refused dead letter "
                                        + rejected.entry().id()
                                        + " in "
                                        + rejected.entry().index()
                                        + ": "
                                        + rejected.reason()
                                        + " The dead-letter template should make this impossible;"
                                        + " check that runtrail's templates are installed."));
                return;
            }
            LOG.warn(
                    "Elasticsearch refused document {} for {} ({}); it goes to the dead-letter index: {}",
                    rejected.entry().id(),
                    rejected.entry().index(),
                    rejected.status(),
                    rejected.reason());
            deadLettered.inc();
            next.add(
                    deadLetterConverter.toEntry(
                            RejectedDocuments.toDeadLetter(rejected, clock.instant())));
        }
        if (outcome.retry().isEmpty()) {
            handler.retryForEntries(next);
            return;
        }
        retryLater(
                outcome.retry(),
                next,
                handler,
                outcome.retry().size() + " items answered 429 or 5xx");
    }

    /**
     * Why the job stops when Elasticsearch refuses an index rather than a document: the index, the
     * refusal as Elasticsearch words it, and what an operator can do about the usual causes.
     */
    static String blockedMessage(List<BulkOutcome.Rejected> blocked, String indexPrefix) {
        BulkOutcome.Rejected first = blocked.get(0);
        StringBuilder text =
                new StringBuilder("Elasticsearch refuses to store documents in ")
                        .append(first.entry().index())
                        .append(" (")
                        .append(blocked.size())
                        .append(blocked.size() == 1 ? " document" : " documents")
                        .append(" of this request, status ")
                        .append(first.status())
                        .append("): ")
                        .append(first.reason());
        if (first.reason().contains("shards open")) {
            text.append(
                    " The cluster holds as many shards as cluster.max_shards_per_node allows:"
                            + " delete indices no longer needed or raise that limit.");
        } else if (first.status() == 401
                || first.status() == 403
                || first.errorType().equals("security_exception")) {
            text.append(" The API key or user in use needs the privileges index and")
                    .append(" create_index (or auto_configure) on ")
                    .append(indexPrefix)
                    .append("-*.");
        }
        return text.append(
                        " This concerns the index, not the documents, so they are not"
                                + " dead-lettered; once it is fixed, running again stores each"
                                + " document once.")
                .toString();
    }

    private void onRequestFailure(
            List<BulkEntry> entries, ResultHandler<BulkEntry> handler, Throwable failure) {
        if (!FailureClassifier.isRetryable(failure)) {
            handler.completeExceptionally(
                    new ElasticsearchSinkException(
                            "A bulk request of "
                                    + entries.size()
                                    + " documents failed and retrying cannot help: "
                                    + failure,
                            failure));
            return;
        }
        retryLater(entries, List.of(), handler, failure.toString());
    }

    /** Re-queues {@code retry} (one try more each) and {@code deadLetters} after a backoff. */
    private void retryLater(
            List<BulkEntry> retry,
            List<BulkEntry> deadLetters,
            ResultHandler<BulkEntry> handler,
            String reason) {
        List<BulkEntry> next = new ArrayList<>(retry.size() + deadLetters.size());
        int attempts = 0;
        for (BulkEntry entry : retry) {
            BulkEntry again = entry.retried();
            if (!settings.retry().mayRetry(again.attempts())) {
                handler.completeExceptionally(
                        new ElasticsearchSinkException(
                                "Document "
                                        + entry.id()
                                        + " for "
                                        + entry.index()
                                        + " failed "
                                        + again.attempts()
                                        + " times, the configured maximum; last reason: "
                                        + reason));
                return;
            }
            attempts = Math.max(attempts, again.attempts());
            next.add(again);
        }
        next.addAll(deadLetters);
        retried.inc(retry.size());
        Duration wait = settings.retry().backoff(attempts);
        LOG.warn(
                "Retrying {} documents in {} ms (try {} of {}): {}",
                retry.size(),
                wait.toMillis(),
                attempts + 1,
                settings.retry().maxAttempts(),
                reason);
        backoffTimer.schedule(
                () -> handler.retryForEntries(next), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected long getSizeInBytes(BulkEntry entry) {
        return entry.sizeInBytes();
    }

    @Override
    public void close() {
        backoffTimer.shutdownNow();
        try {
            restClient.close();
        } catch (IOException e) {
            LOG.warn("Closing the Elasticsearch client failed", e);
        }
        super.close();
    }
}
