package dev.runtrail.cli.bench;

import dev.runtrail.local.LocalElasticsearch;
import java.io.IOException;
import picocli.CommandLine.Option;

/** The Elasticsearch a bench writes to, and its process for the CPU split. */
final class ElasticsearchTarget {
    @Option(
            names = "--es",
            paramLabel = "URL",
            description = "Elasticsearch to write to; without it a throw-away local node starts.")
    String url;

    @Option(
            names = "--es-pid",
            defaultValue = "0",
            description = "Process id of the Elasticsearch given by --es, for the CPU split.")
    long pid;

    /**
     * The node a bench uses: its URL, its process id (0 when unknown) and, for a throw-away node,
     * the node itself, stopped on close.
     */
    record Node(String url, long pid, LocalElasticsearch started) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (started != null) {
                started.close();
            }
        }
    }

    /** The node given by {@code --es}, or a throw-away local node started now. */
    Node open() throws IOException {
        if (url != null) {
            return new Node(url, pid, null);
        }
        LocalElasticsearch es = LocalElasticsearch.startEphemeral();
        return new Node(es.url(), es.pid(), es);
    }
}
