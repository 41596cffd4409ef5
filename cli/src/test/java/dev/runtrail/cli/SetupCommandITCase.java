package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.local.junit.ElasticsearchNode;
import dev.runtrail.local.junit.KafkaBroker;
import dev.runtrail.local.junit.RealElasticsearch;
import dev.runtrail.local.junit.RealKafka;
import dev.runtrail.model.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtrail setup} and a settings file on the real node and broker: templates, aliases and
 * topics exist afterwards, a second setup changes nothing, and {@code run} takes its target and
 * index prefix from {@code --config} alone.
 */
@RealElasticsearch
@RealKafka
class SetupCommandITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @TempDir Path dir;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
    }

    @Test
    void setupPreparesTheClusterOnceAndARunFindsItsTargetInTheSettingsFile(
            ElasticsearchNode es, KafkaBroker kafka) throws Exception {
        base = es.url();
        String prefix = es.indexPrefix() + "-setup";

        String[] setup = {
            "setup", "--es", es.url(), "--index-prefix", prefix, "--kafka", kafka.bootstrapServers()
        };
        int first = Runtrail.execute(setup);
        String firstReport = out.toString(StandardCharsets.UTF_8);
        out.reset();
        int second = Runtrail.execute(setup);
        String secondReport = out.toString(StandardCharsets.UTF_8);

        assertThat(first).isEqualTo(ExitCodes.OK);
        assertThat(second).isEqualTo(ExitCodes.OK);
        for (Kind kind : Kind.values()) {
            String alias = kind.alias(prefix);
            assertThat(get("/_index_template/" + alias).path("index_templates").size())
                    .as("template %s", alias)
                    .isEqualTo(1);
            assertThat(get("/_alias/" + alias).size()).as("indices behind %s", alias).isEqualTo(1);
        }
        assertThat(firstReport).contains("created " + prefix + "-events-");
        assertThat(secondReport).contains("created no index", "created none (all existed)");
        Set<String> topics;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            topics = admin.listTopics().names().get();
        }
        assertThat(topics)
                .contains(
                        "runtrail.raw.airflow",
                        "runtrail.raw.windows",
                        "runtrail.raw.proxy",
                        "runtrail.events",
                        "runtrail.deadletter");

        // run: no --es, no --index-prefix; both come from the settings file
        String root = System.getProperty("runtrail.root");
        assumeTrue(root != null, "system property runtrail.root is not set");
        Path scenario = Path.of(root).resolve("sample-data");
        assumeTrue(Files.isDirectory(scenario), "bundled scenario absent: " + scenario);
        String runPrefix = es.indexPrefix() + "-configured";
        Path settings = dir.resolve("runtrail.yaml");
        Files.writeString(
                settings,
                "runtrail:\n  es:\n    hosts: "
                        + es.url()
                        + "\n    index-prefix: "
                        + runPrefix
                        + "\n    bulk.max-actions: 200\n");
        int run =
                Runtrail.execute(
                        "run",
                        "--input",
                        scenario.resolve("airflow/logs/dag_id=app_config_deploy").toString(),
                        "--config",
                        settings.toString());

        assertThat(run).isEqualTo(ExitCodes.OK);
        http.send(
                HttpRequest.newBuilder(URI.create(es.url() + "/" + runPrefix + "-*/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get("/" + Kind.ATTEMPTS.alias(runPrefix) + "/_count").path("count").asLong())
                .isPositive();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(indices " + runPrefix + "-*)");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
