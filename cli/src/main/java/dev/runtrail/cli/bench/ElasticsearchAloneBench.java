package dev.runtrail.cli.bench;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import dev.runtrail.ingest.Documents;
import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputFiles;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.Parsed;
import dev.runtrail.sinks.elasticsearch.BulkBody;
import dev.runtrail.sinks.elasticsearch.BulkEntry;
import dev.runtrail.sinks.elasticsearch.BulkResponseInspector;
import dev.runtrail.sinks.elasticsearch.DocumentConverter;
import dev.runtrail.sinks.templates.TemplateInstaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code runtrail bench es-alone}: what the Elasticsearch node itself indexes on this machine. The
 * documents are the ones the sink would send (parsed from a scenario, turned into bulk entries by
 * the sink's own converter, under the sink's own templates); they are laid out as bulk request
 * bodies before the clock starts, and a minimal client only posts them. The rate is then the
 * node's, and its CPU per document is what any client of it would pay.
 */
@Command(
        name = "es-alone",
        description = {
            "Elasticsearch alone: runtrail's documents as pre-built bulk requests, posted by a"
                    + " minimal client, to show what the node indexes on this machine."
        })
final class ElasticsearchAloneBench implements Callable<Integer> {
    private static final String PLACEHOLDER = "runtrail-placeholder";

    @Mixin ScenarioOptions scenario;

    @Mixin ElasticsearchTarget elasticsearch;

    @Option(
            names = "--batch",
            defaultValue = "1000",
            description = "Documents per bulk request (default: ${DEFAULT-VALUE}, the sink's).")
    int batch;

    @Option(
            names = "--connections",
            defaultValue = "2",
            description = "Bulk requests in flight (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(
            names = "--rounds",
            defaultValue = "2",
            description =
                    "Times the whole set is indexed, each into fresh indices deleted after it; the"
                            + " first warms the node's JIT (default: ${DEFAULT-VALUE}).")
    int rounds;

    /** A document as the sink would index it, its index named without the prefix. */
    private record Prepared(String indexSuffix, BulkEntry entry) {}

    /** The entries of one bulk request and the body the sink sends for them. */
    private record Batch(List<BulkEntry> entries, byte[] body) {}

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        List<Prepared> docs;
        try (ScenarioInput input = scenario.open(System.err)) {
            long t0 = System.nanoTime();
            docs = prepare(input.dir());
            System.err.printf(
                    Locale.ROOT,
                    "parsed %d documents in %.1f s (not timed)%n",
                    docs.size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        try (ElasticsearchTarget.Node node = elasticsearch.open()) {
            HttpClient http =
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            try (RestClient rest = RestClient.builder(HttpHost.create(node.url())).build()) {
                for (int round = 1; round <= rounds; round++) {
                    String prefix = "runtrail-es-alone-" + System.currentTimeMillis();
                    new TemplateInstaller(rest).install(prefix);
                    List<Batch> batches = batches(docs, prefix);
                    try (ResourceMeter meter = ResourceMeter.start(node.pid())) {
                        int failed = post(http, node.url(), batches);
                        ResourceMeter.Result cost = meter.stop();
                        report(out, round, docs.size(), batches.size(), failed, cost);
                        if (failed > 0) {
                            return 1;
                        }
                    }
                    // every round starts from the same empty node, not on top of the last one
                    BenchLeftovers.deleteIndices(node.url(), prefix);
                }
            }
        }
        return 0;
    }

    /** Parses every file and keeps each document as the sink's converter renders it. */
    private static List<Prepared> prepare(Path dir) throws IOException {
        DocumentConverter converter = new DocumentConverter(PLACEHOLDER);
        List<Prepared> docs = new ArrayList<>();
        for (Path file : InputFiles.expand(List.of(dir))) {
            try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
                for (Parsed parsed; (parsed = reader.next()) != null; ) {
                    BulkEntry entry = converter.toEntry(Documents.finish(parsed, Instant.now()));
                    docs.add(new Prepared(entry.index().substring(PLACEHOLDER.length()), entry));
                }
            }
        }
        return docs;
    }

    /** Bulk requests of {@code batch} documents each, for indices under {@code prefix}. */
    private List<Batch> batches(List<Prepared> docs, String prefix) {
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < docs.size(); from += batch) {
            List<BulkEntry> entries = new ArrayList<>(batch);
            for (Prepared doc : docs.subList(from, Math.min(docs.size(), from + batch))) {
                BulkEntry e = doc.entry();
                // with its version, as the sink sends it (an event copy's rank, a revision)
                entries.add(
                        new BulkEntry(
                                prefix + doc.indexSuffix(),
                                e.id(),
                                e.source(),
                                e.version(),
                                e.kind(),
                                0));
            }
            batches.add(new Batch(entries, BulkBody.of(entries).toByteArray()));
        }
        return batches;
    }

    /** Posts every batch with {@code connections} requests in flight; returns the failed ones. */
    private int post(HttpClient http, String url, List<Batch> batches) throws Exception {
        // answers filtered as the sink's are, so that the sink's inspector reads them
        URI bulk = URI.create(url + "/_bulk?filter_path=" + BulkBody.RESPONSE_FIELDS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                workers.add(
                        pool.submit(
                                () -> {
                                    for (int i; (i = next.getAndIncrement()) < batches.size(); ) {
                                        HttpRequest request =
                                                HttpRequest.newBuilder(bulk)
                                                        .header(
                                                                "Content-Type",
                                                                "application/x-ndjson")
                                                        .POST(
                                                                HttpRequest.BodyPublishers
                                                                        .ofByteArray(
                                                                                batches.get(i)
                                                                                        .body()))
                                                        .build();
                                        HttpResponse<String> response =
                                                http.send(
                                                        request,
                                                        HttpResponse.BodyHandlers.ofString());
                                        if (response.statusCode() != 200
                                                || refusedItems(
                                                        batches.get(i).entries(),
                                                        response.body())) {
                                            failed.incrementAndGet();
                                            System.err.println(
                                                    "bulk request "
                                                            + i
                                                            + " failed: HTTP "
                                                            + response.statusCode()
                                                            + " "
                                                            + abbreviate(response.body()));
                                        }
                                    }
                                    return null;
                                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return failed.get();
    }

    /**
     * Whether the answer to a bulk request of {@code sent} leaves any document undone, as the sink
     * counts it ({@link BulkResponseInspector}): a 409 for an entry sent with a version (a lower
     * copy of a stored event, an older revision) is done; any other error is not.
     */
    static boolean refusedItems(List<BulkEntry> sent, String answer) throws IOException {
        BulkResponse response =
                BulkResponseInspector.parse(
                        new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
        return !BulkResponseInspector.inspect(sent, response).allDone();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private void report(
            PrintStream out,
            int round,
            int documents,
            int requests,
            int failed,
            ResourceMeter.Result cost) {
        out.printf(
                Locale.ROOT,
                "es-alone round %d of %d%s: %d documents in %d bulk requests of %d, %d in flight,"
                        + " %d failed: %.0f documents/s%n",
                round,
                rounds,
                round == 1 ? " (cold node JIT)" : "",
                documents,
                requests,
                batch,
                connections,
                failed,
                documents / cost.seconds());
        if (cost.esCpuSeconds() >= 0) {
            out.printf(
                    Locale.ROOT,
                    "Elasticsearch CPU %.2f s = %.1f µs per document; this client %.2f s = %.1f µs"
                            + " per document%n",
                    cost.esCpuSeconds(),
                    cost.esCpuSeconds() * 1e6 / documents,
                    cost.jvmCpuSeconds(),
                    cost.jvmCpuSeconds() * 1e6 / documents);
        }
        cost.print(out);
    }
}
