package dev.runtrail.cli.bench;

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
}
