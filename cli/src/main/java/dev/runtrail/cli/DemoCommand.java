package dev.runtrail.cli;

import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.local.LocalElasticsearch;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.elasticsearch.ElasticsearchClients;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runtrail demo}: starts the local Elasticsearch node, runs the job over the bundled
 * scenario into it, and shows what landed and how to query it.
 */
@Command(
        name = "demo",
        description = {
            "Run the audit job over the bundled sample data into a local Elasticsearch node.",
            "Starts the node first (or uses the running one) and ends with a summary and example"
                    + " queries.",
            "The node keeps running afterwards; stop it with 'runtrail es stop'."
        })
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--input",
            paramLabel = "DIR",
            description = "Scenario to load (default: the bundled one).")
    Path input;

    @Option(
            names = "--port",
            defaultValue = "9200",
            description = "Preferred HTTP port of the node (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        Path scenario = input != null ? input : bundledScenario();
        if (!Files.isDirectory(scenario)) {
            System.err.println(
                    "runtrail demo: cannot read "
                            + scenario
                            + ": expected the bundled scenario directory (sample-data).");
            return ExitCodes.IO;
        }
        System.err.println("Starting the local Elasticsearch node (first start unpacks it)...");
        LocalElasticsearch node = LocalElasticsearch.startNamed(EsCommand.NODE, port);
        String prefix = "runtrail";
        Targets.Resolved target = Targets.resolve(node.url(), null, prefix);
        System.err.println("Running the audit job over " + scenario + " ...");
        JobSummary summary =
                JobRunner.runFiles(List.of(scenario), null, 2, target, "runtrail demo");
        PrintStream out = System.out;
        Summaries.print(out, summary, target.description(), target.counts());
        out.println();
        out.println("Searchable in Elasticsearch now:");
        try (RestClient client =
                ElasticsearchClients.restClient(ElasticsearchSettings.forUrl(node.url(), prefix))) {
            for (Kind kind : Kind.values()) {
                out.printf(
                        Locale.ROOT,
                        "  %-22s %,d documents%n",
                        kind.alias(prefix),
                        RecordCounts.count(client, kind.alias(prefix), null));
            }
        }
        out.println();
        out.println("Try:");
        out.println("  curl -s '" + node.url() + "/_cat/indices/runtrail-*?v'");
        out.println(
                "  curl -s '"
                        + node.url()
                        + "/runtrail-events/_search?q=event.action:logged-in&size=3&pretty'");
        out.println(
                "  curl -s '"
                        + node.url()
                        + "/runtrail-runs/_search?q=airflow.run_type:manual+AND+_exists_:user.name&pretty'");
        out.println(
                "  curl -s '"
                        + node.url()
                        + "/runtrail-sessions/_search?q=runtrail.match.method:*&pretty'");
        out.println("Stop the node with: ./runtrail es stop");
        return summary.deadLetters() > 0 ? ExitCodes.DEAD_LETTERS : ExitCodes.OK;
    }

    static Path bundledScenario() {
        String home =
                System.getProperty(
                        "runtrail.home", System.getenv().getOrDefault("RUNTRAIL_HOME", "."));
        return Path.of(home, "sample-data");
    }
}
