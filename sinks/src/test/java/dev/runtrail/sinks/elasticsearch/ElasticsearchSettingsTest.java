package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchSettingsTest {

    private static Configuration withHosts(String... hosts) {
        Configuration conf = new Configuration();
        conf.set(ElasticsearchSinkOptions.HOSTS, List.of(hosts));
        return conf;
    }

    @Test
    void defaultsForAPlainLocalNode() {
        ElasticsearchSettings s =
                ElasticsearchSettings.from(withHosts("http://localhost:9200"), Map.of());
        assertThat(s.hosts()).extracting(Object::toString).containsExactly("http://localhost:9200");
        assertThat(s.credentials()).isInstanceOf(Credentials.None.class);
        assertThat(s.tls()).isInstanceOf(TlsTrust.SystemDefault.class);
        assertThat(s.indexPrefix()).isEqualTo("runtrail");
        assertThat(s.bulkMaxActions()).isEqualTo(1000);
        assertThat(s.bulkMaxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(s.bulkInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.maxInFlight()).isEqualTo(2);
        assertThat(s.retry().maxAttempts()).isEqualTo(30);
    }

    @Test
    void missingHostsIsExplained() {
        assertThatThrownBy(() -> ElasticsearchSettings.from(new Configuration(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The Elasticsearch sink is not configured correctly: runtrail.es.hosts is"
                                + " required: set it to one or more Elasticsearch URLs such as"
                                + " http://localhost:9200.");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Configuration conf = withHosts("localhost:9200");
        conf.set(ElasticsearchSinkOptions.INDEX_PREFIX, "RunTrail");
        conf.set(ElasticsearchSinkOptions.BULK_MAX_ACTIONS, 500);
        conf.set(ElasticsearchSinkOptions.MAX_BUFFERED, 500);
        assertThatThrownBy(() -> ElasticsearchSettings.from(conf, Map.of()))
                .hasMessageContaining(
                        "runtrail.es.hosts holds 'localhost:9200', which is not an http:// or"
                                + " https:// URL with a host.")
                .hasMessageContaining(
                        "The index prefix 'RunTrail' must be lower case: Elasticsearch index names are.")
                .hasMessageContaining(
                        "runtrail.es.max-buffered (500) must be greater than"
                                + " runtrail.es.bulk.max-actions (500), so that a full batch fits in"
                                + " the buffer.");
    }

    @Test
    void apiKeyFromTheEnvironmentIsNeverShown() {
        Configuration conf = withHosts("https://es.example:9200");
        conf.set(ElasticsearchSinkOptions.API_KEY_ENV, "RT_ES_KEY");
        ElasticsearchSettings s =
                ElasticsearchSettings.from(conf, Map.of("RT_ES_KEY", "c2VjcmV0LWtleQ=="));
        assertThat(s.credentials()).isInstanceOf(Credentials.ApiKey.class);
        assertThat(((Credentials.ApiKey) s.credentials()).key().reveal())
                .isEqualTo("c2VjcmV0LWtleQ==");
        assertThat(s.toString()).doesNotContain("c2VjcmV0LWtleQ==").contains("******");
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        Configuration conf = withHosts("https://es.example:9200");
        conf.set(ElasticsearchSinkOptions.API_KEY_ENV, "RT_ES_KEY");
        assertThatThrownBy(() -> ElasticsearchSettings.from(conf, Map.of()))
                .hasMessageContaining(
                        "The environment variable RT_ES_KEY that should hold the API key is not"
                                + " set or empty.");
    }

    @Test
    void passwordFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "hunter2\n");
        Configuration conf = withHosts("https://es.example:9200");
        conf.set(ElasticsearchSinkOptions.USERNAME, "runtrail_writer");
        conf.set(ElasticsearchSinkOptions.PASSWORD_FILE, file.toString());
        ElasticsearchSettings s = ElasticsearchSettings.from(conf, Map.of());
        Credentials.Basic basic = (Credentials.Basic) s.credentials();
        assertThat(basic.username()).isEqualTo("runtrail_writer");
        assertThat(basic.password().reveal()).isEqualTo("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2");
    }

    @Test
    void userWithoutPasswordAndBothCredentialKindsAreRefused() {
        Configuration userOnly = withHosts("https://es.example:9200");
        userOnly.set(ElasticsearchSinkOptions.USERNAME, "elastic");
        assertThatThrownBy(() -> ElasticsearchSettings.from(userOnly, Map.of()))
                .hasMessageContaining(
                        "runtrail.es.username is set, so a password is needed too: set"
                                + " runtrail.es.password.env or runtrail.es.password.file.");

        Configuration both = withHosts("https://es.example:9200");
        both.set(ElasticsearchSinkOptions.USERNAME, "elastic");
        both.set(ElasticsearchSinkOptions.PASSWORD_ENV, "PW");
        both.set(ElasticsearchSinkOptions.API_KEY_ENV, "KEY");
        assertThatThrownBy(() -> ElasticsearchSettings.from(both, Map.of("PW", "x", "KEY", "y")))
                .hasMessageContaining(
                        "Use either an API key or a username and password, not both.");
    }

    @Test
    void caFingerprintNeedsHttpsAndSixtyFourHexDigits() {
        Configuration conf = withHosts("http://es.example:9200");
        conf.set(ElasticsearchSinkOptions.TLS_CA_FINGERPRINT, "AB:CD");
        assertThatThrownBy(() -> ElasticsearchSettings.from(conf, Map.of()))
                .hasMessageContaining(
                        "A CA certificate is configured but no host uses https; use https:// URLs"
                                + " in runtrail.es.hosts.")
                .hasMessageContaining(
                        "runtrail.es.tls.ca-fingerprint must be a SHA-256 fingerprint: 64 hex"
                                + " digits, colons allowed.");
    }

    @Test
    void credentialsAreNeverSentOverPlainHttpToAnotherMachine() {
        Configuration remote = withHosts("https://es1.example:9200", "http://es2.example:9200");
        remote.set(ElasticsearchSinkOptions.API_KEY_ENV, "KEY");
        assertThatThrownBy(() -> ElasticsearchSettings.from(remote, Map.of("KEY", "c2VjcmV0")))
                .hasMessageContaining(
                        "Credentials would cross the network in clear text to"
                                + " http://es2.example:9200; use https://")
                .hasMessageNotContaining("es1.example")
                .hasMessageNotContaining("c2VjcmV0");

        Configuration local = withHosts("http://localhost:9200", "http://127.0.0.1:9201");
        local.set(ElasticsearchSinkOptions.USERNAME, "elastic");
        local.set(ElasticsearchSinkOptions.PASSWORD_ENV, "PW");
        assertThat(ElasticsearchSettings.from(local, Map.of("PW", "x")).credentials())
                .isInstanceOf(Credentials.Basic.class);
        // without credentials plain http stays allowed (with a warning from the commands)
        assertThat(
                        ElasticsearchSettings.from(withHosts("http://es2.example:9200"), Map.of())
                                .unprotectedRemoteHosts())
                .hasSize(1);
    }
}
