package dev.runtrail.cli;

import dev.runtrail.local.LocalElasticsearch;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code runtrail es start|stop|status}: the local Elasticsearch node for exploration. */
@Command(
        name = "es",
        description = {
            "Start, stop or check the local Elasticsearch node.",
            "Single node, security off, localhost only; runs as the system user runtrail-es"
                    + " when started as root."
        },
        subcommands = {EsCommand.Start.class, EsCommand.Stop.class, EsCommand.Status.class})
final class EsCommand {
    /** Name of the node `demo`, `run` and `es` share. */
    static final String NODE = "default";

    @Command(name = "start", description = "Start the node (or report the running one).")
    static final class Start implements Callable<Integer> {
        @Option(
                names = "--port",
                defaultValue = "9200",
                description = "HTTP port when free (default: ${DEFAULT-VALUE}).")
        int port;

        @Override
        public Integer call() throws IOException {
            LocalElasticsearch node = LocalElasticsearch.startNamed(NODE, port);
            System.out.println(node.url());
            System.err.println(
                    "Elasticsearch is running at "
                            + node.url()
                            + " (pid "
                            + node.pid()
                            + ").\n"
                            + "  curl '"
                            + node.url()
                            + "/_cat/indices/runtrail-*?v'\n"
                            + "Stop it with: ./runtrail es stop");
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", description = "Stop the node.")
    static final class Stop implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Optional<LocalElasticsearch> node = LocalElasticsearch.findRunning(NODE);
            if (node.isEmpty()) {
                System.err.println("No local Elasticsearch node is running.");
                return ExitCodes.OK;
            }
            node.get().stop();
            System.err.println("Stopped Elasticsearch (pid " + node.get().pid() + ").");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "status",
            description = "Print the node's URL when it runs; exit 2 when it does not.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            Optional<LocalElasticsearch> node = LocalElasticsearch.findRunning(NODE);
            if (node.isEmpty()) {
                System.err.println(
                        "No local Elasticsearch node is running (start one: ./runtrail es start).");
                return ExitCodes.IO;
            }
            System.out.println(node.get().url());
            return ExitCodes.OK;
        }
    }
}
