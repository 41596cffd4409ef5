package dev.runtrail.cli;

import dev.runtrail.cli.job.RawShipper;
import dev.runtrail.sinks.Sinks;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSinkOptions;
import dev.runtrail.sinks.kafka.KafkaSinkOptions;
import dev.runtrail.sinks.kafka.KafkaSinkSettings;
import dev.runtrail.sinks.kafka.KafkaTopics;
import dev.runtrail.sinks.templates.TemplateInstaller;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runtrail setup}: prepares a cluster before any job runs, with the same code the jobs run
 * when they start. Lets an administrator install the templates once, so that the jobs can run under
 * a role that may write documents but not manage templates ({@code
 * runtrail.es.install-templates=false}).
 */
@Command(
        name = "setup",
        description = {
            "Install the index templates and each kind's alias in Elasticsearch, and with --kafka"
                    + " create runtrail's topics.",
            "Running it again changes nothing. Without --es, uses runtrail.es.hosts from the"
                    + " settings, else the local node started by 'runtrail es start'."
        })
final class SetupCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--es", paramLabel = "URL", description = "Elasticsearch URL.")
    String es;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description =
                    "Also create the raw topics (runtrail.raw.*) and the output topics"
                            + " (runtrail.<kind>) on this Kafka cluster.")
    String kafka;

    @Option(
            names = "--no-es",
            description = "Leave Elasticsearch alone (with --kafka: topics only).")
    boolean noEs;

    @Option(
            names = "--index-prefix",
            paramLabel = "PREFIX",
            description = "Index prefix (default: runtrail.es.index-prefix, else runtrail).")
    String indexPrefix;

    @Option(
            names = "--timeout",
            defaultValue = "PT60S",
            description =
                    "How long to wait for Elasticsearch or Kafka to answer (ISO-8601, default"
                            + " ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin ConfigMixin config = new ConfigMixin();

    @Override
    public Integer call() throws Exception {
        if (noEs && kafka == null) {
            throw new ParameterException(
                    spec.commandLine(), "--no-es leaves nothing to do without --kafka BOOTSTRAP.");
        }
        Configuration conf = config.load();
        PrintStream out = System.out;
        if (!noEs) {
            ElasticsearchSettings settings = elasticsearch(conf);
            TemplateInstaller.Result result = Sinks.installTemplates(settings, timeout);
            out.println(
                    "Elasticsearch at "
                            + String.join(
                                    ", ", settings.hosts().stream().map(URI::toString).toList())
                            + ": installed "
                            + result.templates().size()
                            + " templates for prefix "
                            + settings.indexPrefix()
                            + " "
                            + result.templates()
                            + "; created "
                            + (result.createdIndices().isEmpty()
                                    ? "no index (this month's exist)"
                                    : String.join(", ", result.createdIndices()))
                            + ".");
        }
        if (kafka != null) {
            Configuration kafkaConf = new Configuration(conf);
            kafkaConf.set(KafkaSinkOptions.BOOTSTRAP_SERVERS, kafka);
            KafkaSinkSettings settings = KafkaSinkSettings.from(kafkaConf);
            List<String> topics = new ArrayList<>(RawShipper.rawTopics());
            topics.addAll(KafkaTopics.outputTopics(settings));
            List<String> created = KafkaTopics.ensure(kafka, topics, timeout);
            out.println(
                    "Kafka at "
                            + kafka
                            + ": "
                            + topics.size()
                            + " topics "
                            + topics
                            + "; created "
                            + (created.isEmpty() ? "none (all existed)" : created)
                            + ".");
        }
        return ExitCodes.OK;
    }

    private ElasticsearchSettings elasticsearch(Configuration settings) {
        Configuration conf = new Configuration(settings);
        if (es != null) {
            conf.set(ElasticsearchSinkOptions.HOSTS, List.of(es));
        } else if (!conf.contains(ElasticsearchSinkOptions.HOSTS)) {
            String node =
                    Targets.localNodeUrl()
                            .orElseThrow(
                                    () ->
                                            new ParameterException(
                                                    spec.commandLine(),
                                                    "No Elasticsearch given and no local node is"
                                                            + " running; expected --es URL (or"
                                                            + " runtrail.es.hosts in --config),"
                                                            + " --no-es with --kafka, or the local"
                                                            + " node: ./runtrail es start"));
            conf.set(ElasticsearchSinkOptions.HOSTS, List.of(node));
        }
        if (indexPrefix != null) {
            conf.set(ElasticsearchSinkOptions.INDEX_PREFIX, indexPrefix);
        }
        ElasticsearchSettings resolved;
        try {
            resolved = ElasticsearchSettings.from(conf);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Targets.warnIfUnprotected(resolved);
        return resolved;
    }
}
