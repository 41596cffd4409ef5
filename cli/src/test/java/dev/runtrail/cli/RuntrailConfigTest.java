package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtrail.cli.job.JobSettings;
import dev.runtrail.correlate.CorrelationOptions;
import dev.runtrail.sinks.elasticsearch.Credentials;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSinkOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from {@code --config FILE} and {@code -D}: what is read, what is refused, and why. */
class RuntrailConfigTest {
    @TempDir Path dir;

    @AfterEach
    void clearParserSettings() {
        RuntrailConfig.applyParserSettings(new Configuration());
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("runtrail.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void nestedAndFlatKeysListsAndOverridesReachTheSettingsTheJobReads() throws IOException {
        Path file =
                yaml(
                        """
                        runtrail.es.hosts:
                          - https://es1.example:9200
                          - https://es2.example:9200
                        runtrail:
                          es:
                            index-prefix: audit
                            api-key.env: AUDIT_ES_KEY
                        correlation:
                          session:
                            ttl: 12 h
                          watermark.idleness: 20 s
                        parallelism.default: 3
                        """);

        Configuration conf = RuntrailConfig.load(file, Map.of("correlation.session.ttl", "6 h"));

        ElasticsearchSettings es =
                ElasticsearchSettings.from(conf, Map.of("AUDIT_ES_KEY", "a2V5OnNlY3JldA=="));
        assertThat(es.hosts())
                .containsExactly(
                        URI.create("https://es1.example:9200"),
                        URI.create("https://es2.example:9200"));
        assertThat(es.indexPrefix()).isEqualTo("audit");
        assertThat(es.credentials()).isInstanceOf(Credentials.ApiKey.class);
        assertThat(es.unprotectedRemoteHosts()).isEmpty();
        // -D wins over the file
        assertThat(conf.get(CorrelationOptions.SESSION_TTL)).isEqualTo(Duration.ofHours(6));
        JobSettings job = JobSettings.from(List.of(), null, 1, conf);
        assertThat(job.correlation().sessionTtl()).isEqualTo(Duration.ofHours(6).toMillis());
        assertThat(job.idleness()).isEqualTo(Duration.ofSeconds(20));
        // keys outside runtrail's namespaces are Flink's
        assertThat(conf.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysNearItAndItsValueIsNotRepeated() {
        assertThatThrownBy(
                        () ->
                                RuntrailConfig.load(
                                        null, Map.of("runtrail.es.api-key", "c2VjcmV0LWtleQ==")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown setting runtrail.es.api-key.")
                .hasMessageContaining("runtrail.es.api-key.env, runtrail.es.api-key.file")
                .hasMessageContaining("Secrets are never given as values")
                .hasMessageNotContaining("c2VjcmV0LWtleQ==");
        assertThatThrownBy(() -> RuntrailConfig.load(null, Map.of("correlation.sesion.ttl", "1h")))
                .hasMessageContaining("Unknown setting correlation.sesion.ttl.")
                .hasMessageContaining("correlation.session.ttl");
    }

    @Test
    void everyValueThatDoesNotParseIsReportedAtOnce() {
        assertThatThrownBy(
                        () ->
                                RuntrailConfig.load(
                                        null,
                                        Map.of(
                                                "correlation.session.ttl", "soon",
                                                "runtrail.es.bulk.max-actions", "many",
                                                "runtrail.oauth2proxy.utc-offset", "CEST")))
                .hasMessageContaining("Cannot read correlation.session.ttl = 'soon'")
                .hasMessageContaining("Cannot read runtrail.es.bulk.max-actions = 'many'")
                .hasMessageContaining("must be a UTC offset such as +02:00, not 'CEST'");
    }

    @Test
    void parserSettingsAreCheckedBeforeAnyFileIsRead() {
        assertThatThrownBy(
                        () ->
                                RuntrailConfig.load(
                                        null,
                                        Map.of(
                                                "runtrail.proxy.mapping",
                                                dir.resolve("absent.yaml").toString())))
                .hasMessageContaining("runtrail.proxy.mapping: ")
                .hasMessageContaining("absent.yaml");
    }

    @Test
    void aFileThatIsNotAMappingIsAnIoErrorNamingIt() throws IOException {
        Path file = yaml("- just\n- a list\n");
        assertThatThrownBy(() -> RuntrailConfig.load(file, Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("must be a YAML mapping");
        assertThatThrownBy(() -> RuntrailConfig.load(dir.resolve("none.yaml"), Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("none.yaml");
    }

    @Test
    void theOutputFlagsChooseTheOutputsAndTheSettingsFillInTheRest() throws IOException {
        Configuration conf =
                RuntrailConfig.load(
                        null,
                        Map.of(
                                ElasticsearchSinkOptions.HOSTS.key(), "https://es.example:9200",
                                ElasticsearchSinkOptions.INDEX_PREFIX.key(), "audit",
                                ElasticsearchSinkOptions.BULK_MAX_ACTIONS.key(), "250"));

        Targets.Resolved toFiles = Targets.resolve(null, dir, null, null, conf);
        Targets.Resolved fromSettings = Targets.resolve(null, null, null, null, conf);
        Targets.Resolved renamed = Targets.resolve(null, null, null, "other", conf);

        assertThat(toFiles.description()).startsWith("NDJSON files in").doesNotContain("Elastic");
        assertThat(fromSettings.description())
                .isEqualTo("Elasticsearch at https://es.example:9200 (indices audit-*)");
        assertThat(renamed.description()).endsWith("(indices other-*)");
    }

    @Test
    void anonymousOrPlainHttpAccessToAnotherHostIsUnprotected() {
        Configuration conf = new Configuration();
        conf.set(
                ElasticsearchSinkOptions.HOSTS,
                List.of(
                        "http://127.0.0.1:9200",
                        "http://localhost:9200",
                        "http://[::1]:9200",
                        "https://es.example:9243"));
        ElasticsearchSettings anonymous = ElasticsearchSettings.from(conf, Map.of());
        conf.set(ElasticsearchSinkOptions.API_KEY_ENV, "KEY");
        ElasticsearchSettings withKey = ElasticsearchSettings.from(conf, Map.of("KEY", "k"));
        conf.removeConfig(ElasticsearchSinkOptions.API_KEY_ENV);
        conf.set(ElasticsearchSinkOptions.HOSTS, List.of("http://es.example:9200"));
        ElasticsearchSettings plain = ElasticsearchSettings.from(conf, Map.of());

        assertThat(anonymous.unprotectedRemoteHosts())
                .containsExactly(URI.create("https://es.example:9243"));
        assertThat(withKey.unprotectedRemoteHosts()).isEmpty();
        assertThat(plain.unprotectedRemoteHosts())
                .containsExactly(URI.create("http://es.example:9200"));
    }
}
