package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.local.junit.RealElasticsearch;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.Sinks;
import dev.runtrail.sinks.testing.ElasticsearchTestBase;
import dev.runtrail.sinks.testing.TestDocuments;
import dev.runtrail.sinks.testing.TlsGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's TLS and credential settings against a secured endpoint: a {@link TlsGateway} (https
 * with a private CA, 401 without the right Authorization header) in front of the real node. The
 * settings are read as a deployment reads them, secrets from the environment or a file.
 */
@RealElasticsearch
class SecuredClusterITCase extends ElasticsearchTestBase {
    private static final String API_KEY =
            Base64.getEncoder().encodeToString("id1:key-value-1".getBytes(StandardCharsets.UTF_8));

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    @TempDir Path dir;

    private Configuration base(TlsGateway gateway) {
        Configuration conf = new Configuration();
        conf.set(ElasticsearchSinkOptions.HOSTS, List.of(gateway.url()));
        conf.set(ElasticsearchSinkOptions.INDEX_PREFIX, prefix);
        return conf;
    }

    @Test
    void anApiKeyFromTheEnvironmentAndTheCaFileCarryTemplatesAndAJobsDocuments() throws Exception {
        try (TlsGateway gateway = new TlsGateway(dir, node.url(), "ApiKey " + API_KEY)) {
            Configuration conf = base(gateway);
            conf.set(ElasticsearchSinkOptions.TLS_CA_FILE, gateway.caPem().toString());
            conf.set(ElasticsearchSinkOptions.API_KEY_ENV, "AUDIT_ES_KEY");
            ElasticsearchSettings settings =
                    ElasticsearchSettings.from(conf, Map.of("AUDIT_ES_KEY", API_KEY));

            Sinks.installTemplates(settings);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.fromSequence(0, 299)
                    .map(new TestDocuments.Events(300))
                    .sinkTo(new ElasticsearchSink(settings))
                    .name("elasticsearch over TLS");
            env.execute("secured-cluster-itcase");

            assertThat(node.count(Kind.EVENTS.alias(prefix))).isEqualTo(300);
            assertThat(gateway.refused()).isZero();
            assertThat(settings.toString()).doesNotContain(API_KEY);
        }
    }

    @Test
    void aUserWithThePasswordInAFileAndTheCaFingerprintAreAccepted() throws Exception {
        String basic =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        "runtrail_writer:s3cr3t-pw"
                                                .getBytes(StandardCharsets.UTF_8));
        try (TlsGateway gateway = new TlsGateway(dir, node.url(), basic)) {
            Path password = dir.resolve("es-password");
            Files.writeString(password, "s3cr3t-pw\n");
            Configuration conf = base(gateway);
            conf.set(ElasticsearchSinkOptions.TLS_CA_FINGERPRINT, gateway.caFingerprint());
            conf.set(ElasticsearchSinkOptions.USERNAME, "runtrail_writer");
            conf.set(ElasticsearchSinkOptions.PASSWORD_FILE, password.toString());

            var result = Sinks.installTemplates(ElasticsearchSettings.from(conf, Map.of()));

            assertThat(result.createdIndices()).hasSize(Kind.values().length);
            assertThat(node.count(Kind.EVENTS.alias(prefix))).isZero();
        }
    }

    @Test
    void anUntrustedCertificateAWrongFingerprintAndAWrongKeyAreRefusedWithoutShowingTheKey()
            throws Exception {
        try (TlsGateway gateway = new TlsGateway(dir, node.url(), "ApiKey " + API_KEY)) {
            Configuration untrusted = base(gateway);
            untrusted.set(ElasticsearchSinkOptions.API_KEY_ENV, "K");
            Configuration wrongFingerprint = base(gateway);
            wrongFingerprint.set(ElasticsearchSinkOptions.API_KEY_ENV, "K");
            wrongFingerprint.set(ElasticsearchSinkOptions.TLS_CA_FINGERPRINT, "ab".repeat(32));
            Configuration wrongKey = base(gateway);
            wrongKey.set(ElasticsearchSinkOptions.API_KEY_ENV, "K");
            wrongKey.set(ElasticsearchSinkOptions.TLS_CA_FILE, gateway.caPem().toString());
            String otherKey = Base64.getEncoder().encodeToString("id1:guess".getBytes());

            assertThatThrownBy(
                            () ->
                                    Sinks.installTemplates(
                                            ElasticsearchSettings.from(
                                                    untrusted, Map.of("K", API_KEY))))
                    .hasMessageContaining(gateway.url().replace("https://", ""))
                    .hasStackTraceContaining("PKIX");
            assertThatThrownBy(
                            () ->
                                    Sinks.installTemplates(
                                            ElasticsearchSettings.from(
                                                    wrongFingerprint, Map.of("K", API_KEY))))
                    .isInstanceOf(RuntimeException.class)
                    .hasStackTraceContaining("SSL");
            assertThat(gateway.refused()).isZero(); // no request got through the handshake
            assertThatThrownBy(
                            () ->
                                    Sinks.installTemplates(
                                            ElasticsearchSettings.from(
                                                    wrongKey, Map.of("K", otherKey))))
                    .hasMessageContaining("401")
                    .hasMessageNotContaining(otherKey);
            assertThat(gateway.refused()).isPositive();
        }
    }
}
