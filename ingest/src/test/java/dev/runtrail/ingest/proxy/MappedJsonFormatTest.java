package dev.runtrail.ingest.proxy;

import static dev.runtrail.ingest.proxy.ProxySamples.deadLetters;
import static dev.runtrail.ingest.proxy.ProxySamples.events;
import static dev.runtrail.ingest.proxy.ProxySamples.readAll;
import static dev.runtrail.ingest.proxy.ProxySamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON mapping engine, its shipped mappings (fixtures written from each product's documented
 * log fields) and the nginx JSON samples.
 */
class MappedJsonFormatTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = MappedJsonFormatTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static List<Parsed> read(Format format, String fixture) throws IOException {
        return readAll(format, fixture(fixture));
    }

    @Test
    void envoyDefaultKeysAndBadRecords() throws Exception {
        List<Parsed> all = read(new EnvoyJsonFormat(), "envoy.ndjson");
        assertThat(all).hasSize(7);
        List<EcsDocument> ev = events(all);
        assertThat(ev).hasSize(3);

        EcsDocument doc = ev.get(0); // Envoy's documented example line, as JSON
        assertThat(doc.timestamp()).isEqualTo(Instant.parse("2016-04-15T20:17:00.310Z"));
        assertThat(doc.getString(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("POST");
        assertThat(doc.getString(Ecs.URL_PATH)).isEqualTo("/api/v1/locations");
        assertThat(doc.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(204L);
        assertThat(doc.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(0L);
        assertThat(doc.getLong("http.request.body.bytes")).isEqualTo(154L);
        assertThat(doc.getLong(Ecs.EVENT_DURATION)).isEqualTo(226_000_000L);
        assertThat(doc.getString(Ecs.SOURCE_IP)).isEqualTo("10.0.35.28");
        assertThat(doc.getString(Ecs.USER_AGENT_ORIGINAL)).isEqualTo("nsq2http");
        assertThat(doc.getString(Ecs.HTTP_REQUEST_ID))
                .isEqualTo("cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2");
        assertThat(doc.getString(Ecs.URL_DOMAIN)).isEqualTo("locations");
        assertThat(doc.getString(Ecs.EVENT_DATASET)).isEqualTo("proxy.envoy");
        // "api/v1/locations" is not an Airflow endpoint
        assertThat(doc.has(Ecs.AIRFLOW_ACTION)).isFalse();

        EcsDocument rewritten = ev.get(1);
        assertThat(rewritten.timestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00.125Z"));
        assertThat(rewritten.getString(Ecs.URL_ORIGINAL))
                .isEqualTo("/airflow/api/v2/dags/etl_daily/dagRuns?x=1");
        assertThat(rewritten.getString(Ecs.URL_QUERY)).isEqualTo("x=1");
        assertThat(rewritten.getString(Ecs.SOURCE_IP)).isEqualTo("198.51.100.7");
        assertThat(rewritten.getString(ProxyFields.NETWORK_FORWARDED_IP)).isEqualTo("10.0.0.2");
        assertThat(rewritten.getString(Ecs.USER_EMAIL)).isEqualTo("carol@example.com");
        assertThat(rewritten.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(409L);
        assertThat(rewritten.getString(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(rewritten.getString(Ecs.AIRFLOW_ACTION)).isEqualTo("trigger");
        assertThat(rewritten.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("etl_daily");
        assertThat(rewritten.getString(AirflowEndpoints.API_VERSION)).isEqualTo("v2");

        assertThat(ev.get(2).getString(Ecs.SOURCE_IP)).isEqualTo("2001:db8::5");
        assertThat(ev.get(2).getLong(Ecs.SOURCE_PORT)).isEqualTo(51000L);

        List<DeadLetter> dead = deadLetters(all);
        assertThat(dead).extracting(DeadLetter::line).containsExactly(4L, 5L, 6L, 7L);
        assertThat(dead.get(0).reason()).contains("@timestamp");
        assertThat(dead.get(1).reason()).contains("must be an HTTP status").contains("abc");
        assertThat(dead.get(2).reason()).contains("found a JSON array");
        assertThat(dead.get(3).reason()).contains("invalid JSON");
    }

    @Test
    void nginxJsonSamples() throws Exception {
        NginxJsonFormat format = new NginxJsonFormat();
        List<Parsed> ok = readAll(format, sample("nginx_json_yesnik-linux-guides_logs-md.log"));
        assertThat(ok).hasSize(1);
        EcsDocument e = events(ok).get(0);
        assertThat(e.getString(Ecs.SOURCE_IP)).isEqualTo("172.26.0.1");
        assertThat(e.has(Ecs.USER_NAME)).isFalse();
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-04-08T12:17:58Z"));
        assertThat(e.getString(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("GET");
        assertThat(e.getString(Ecs.URL_PATH)).isEqualTo("/");
        assertThat(e.getString(Ecs.HTTP_VERSION)).isEqualTo("1.1");
        assertThat(e.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(304L);
        assertThat(e.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(0L);
        assertThat(e.getString(Ecs.USER_AGENT_ORIGINAL)).contains("Chrome/123.0.0.0");
        assertThat(e.getString(Ecs.EVENT_DATASET)).isEqualTo("proxy.nginx");

        List<Parsed> bad =
                readAll(format, sample("nginx_json_ingress-nginx_oauth2-proxy-issue-2675.log"));
        assertThat(bad).hasSize(1);
        DeadLetter d = (DeadLetter) bad.get(0);
        assertThat(d.line()).isEqualTo(1);
        assertThat(d.position()).isZero();
        assertThat(d.reason())
                .contains("invalid JSON")
                .contains("expected one JSON object per line");
        assertThat(new String(d.raw(), StandardCharsets.UTF_8))
                .startsWith("{\"time\": \"2024-06-17T07:59:22+00:00\"");
    }

    @Test
    void nginxJsonIsDetected() throws Exception {
        assertThat(
                        Formats.detect(
                                dev.runtrail.ingest.InputSource.of(
                                        sample("nginx_json_yesnik-linux-guides_logs-md.log"))))
                .get()
                .extracting(Format::name)
                .isEqualTo(NginxJsonFormat.NAME);
    }

    @Test
    void pomeriumAccessAndAuthorizeLogs() throws Exception {
        List<EcsDocument> ev =
                events(
                        read(
                                new MappedJsonFormat(JsonMapping.builtIn("pomerium")),
                                "pomerium.ndjson"));
        assertThat(ev).hasSize(2);
        EcsDocument access = ev.get(0);
        assertThat(access.getString(Ecs.EVENT_ACTION)).isEqualTo("http-request");
        assertThat(access.getString(Ecs.SOURCE_IP)).isEqualTo("203.0.113.10");
        assertThat(access.getString(Ecs.USER_EMAIL)).isEqualTo("dave@corp.example");
        assertThat(access.getString(Ecs.USER_NAME)).isEqualTo("dave@corp.example");
        assertThat(access.getLong(Ecs.EVENT_DURATION)).isEqualTo(12_300_000L);
        assertThat(access.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(512L);
        assertThat(access.getString(Ecs.AIRFLOW_ACTION)).isEqualTo("trigger");
        assertThat(access.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("billing");
        assertThat(access.getString(ProxyFields.OBSERVER_PRODUCT)).isEqualTo("pomerium");
        assertThat(access.getString(Ecs.EVENT_DATASET)).isEqualTo("proxy.mapped");
        EcsDocument authz = ev.get(1);
        assertThat(authz.getString(Ecs.EVENT_ACTION)).isEqualTo("authorize check");
        assertThat(authz.getString(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(authz.getString(Ecs.SOURCE_IP)).isEqualTo("10.1.0.1");
        assertThat(authz.timestamp()).isEqualTo(Instant.parse("2024-05-02T08:29:59.990Z"));
    }

    @Test
    void teleportAppRequestWithDottedKey() throws Exception {
        EcsDocument e =
                events(
                                read(
                                        new MappedJsonFormat(JsonMapping.builtIn("teleport")),
                                        "teleport.ndjson"))
                        .get(0);
        assertThat(e.getString(Ecs.SOURCE_IP)).isEqualTo("203.0.113.20");
        assertThat(e.getLong(Ecs.SOURCE_PORT)).isEqualTo(51234L);
        assertThat(e.getString(Ecs.USER_NAME)).isEqualTo("erin");
        assertThat(e.getString(Ecs.EVENT_CODE)).isEqualTo("T2004I");
        assertThat(e.getString(Ecs.URL_QUERY)).isEqualTo("update_mask=is_paused");
        assertThat(e.getString(Ecs.AIRFLOW_ACTION)).isEqualTo("pause_toggle");
        assertThat(e.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("reports");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-05-03T10:00:00.5Z"));
    }

    @Test
    void googleIapLoadBalancerAndAuditEntries() throws Exception {
        List<EcsDocument> ev =
                events(
                        read(
                                new MappedJsonFormat(JsonMapping.builtIn("google-iap")),
                                "google-iap.ndjson"));
        assertThat(ev).hasSize(2);
        EcsDocument lb = ev.get(0);
        assertThat(lb.getString(Ecs.URL_DOMAIN)).isEqualTo("airflow.example.com");
        assertThat(lb.getString(Ecs.URL_PATH)).isEqualTo("/dags/sales/trigger");
        assertThat(lb.getString(Ecs.URL_QUERY)).isEqualTo("origin=%2Fhome");
        assertThat(lb.getLong(Ecs.EVENT_DURATION)).isEqualTo(81_634_000L);
        assertThat(lb.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(1535L);
        assertThat(lb.getString(Ecs.SOURCE_IP)).isEqualTo("192.0.2.38");
        assertThat(lb.getString(Ecs.AIRFLOW_ACTION)).isEqualTo("trigger");
        assertThat(lb.getString(Ecs.EVENT_ACTION)).isEqualTo("handled_by_identity_aware_proxy");
        EcsDocument audit = ev.get(1);
        assertThat(audit.getString(Ecs.USER_EMAIL)).isEqualTo("frank@example.com");
        assertThat(audit.getString(Ecs.SOURCE_IP)).isEqualTo("192.0.2.39");
        assertThat(audit.getString(Ecs.EVENT_ACTION)).isEqualTo("AuthorizeUser");
        assertThat(audit.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("sales");
    }

    @Test
    void hoopSessionRecord() throws Exception {
        EcsDocument e =
                events(read(new MappedJsonFormat(JsonMapping.builtIn("hoop")), "hoop.ndjson"))
                        .get(0);
        assertThat(e.getString(Ecs.USER_EMAIL)).isEqualTo("grace@example.com");
        assertThat(e.getString("user.full_name")).isEqualTo("Grace Hopper");
        assertThat(e.getString(Ecs.EVENT_ACTION)).isEqualTo("exec");
        assertThat(e.getString("hoop.connection")).isEqualTo("airflow-prod-db");
        assertThat(e.getInstant(Ecs.EVENT_END)).isEqualTo(Instant.parse("2024-05-05T09:00:04Z"));
    }

    @Test
    void customMappingFromYamlAndSystemProperty() throws Exception {
        String line =
                "{\"ts\":1714564800123,\"who\":\"heidi\",\"client\":{\"addr\":\"198.51.100.1:999\"},"
                        + "\"req\":\"DELETE /api/v1/variables/secret_key HTTP/1.1\",\"code\":204,\"took_us\":\"1500\"}\n";
        JsonMapping mapping =
                JsonMapping.fromYaml(new ByteArrayInputStream(fixture("custom-mapping.yaml")));
        EcsDocument e = events(readAll(new MappedJsonFormat(mapping), line)).get(0);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123Z"));
        assertThat(e.getString(Ecs.USER_NAME)).isEqualTo("heidi");
        assertThat(e.getString(Ecs.SOURCE_IP)).isEqualTo("198.51.100.1");
        assertThat(e.getLong(Ecs.EVENT_DURATION)).isEqualTo(1_500_000L);
        assertThat(e.getString("event.provider")).isEqualTo("acme");
        assertThat(e.getString(Ecs.AIRFLOW_ACTION)).isEqualTo("variable_delete");
        assertThat(e.getString(AirflowEndpoints.VARIABLE_KEY)).isEqualTo("secret_key");
        assertThat(e.getString(ProxyFields.OBSERVER_PRODUCT)).isEqualTo("acme-gateway");

        Format registered = Formats.byName(MappedJsonFormat.NAME).orElseThrow();
        String old = System.getProperty(MappedJsonFormat.MAPPING_PROPERTY);
        try {
            System.clearProperty(MappedJsonFormat.MAPPING_PROPERTY);
            assertThat(registered.sniff("x.json", line.getBytes(StandardCharsets.UTF_8))).isZero();
            assertThatThrownBy(
                            () ->
                                    registered.open(
                                            dev.runtrail.ingest.InputSource.of(
                                                    dev.runtrail.model.SourceRef.of("x"),
                                                    "x",
                                                    new byte[0])))
                    .hasMessageContaining("needs a mapping");
            System.setProperty(MappedJsonFormat.MAPPING_PROPERTY, "teleport");
            assertThat(events(readAll(registered, fixture("teleport.ndjson")))).hasSize(1);
        } finally {
            if (old == null) {
                System.clearProperty(MappedJsonFormat.MAPPING_PROPERTY);
            } else {
                System.setProperty(MappedJsonFormat.MAPPING_PROPERTY, old);
            }
        }
    }

    @Test
    void mappingMistakesAreExplained() {
        assertThatThrownBy(
                        () ->
                                JsonMapping.fromYaml(
                                        new ByteArrayInputStream(
                                                "name: x\nfields:\n  - target: a\n    from: [b]\n    type: weird\n"
                                                        .getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("unknown type 'weird'");
        assertThatThrownBy(
                        () ->
                                JsonMapping.fromYaml(
                                        new ByteArrayInputStream(
                                                "name: x\nfields:\n  - target: a\n"
                                                        .getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("needs 'from'");
        assertThatThrownBy(() -> JsonMapping.builtIn("squid"))
                .hasMessageContaining("No built-in JSON access-log mapping is named 'squid'");
    }

    @Test
    void everyBuiltInMappingLoads() {
        for (String name : JsonMapping.BUILT_IN) {
            assertThat(JsonMapping.builtIn(name).name()).isEqualTo(name);
        }
    }

    @Test
    void invalidUtf8InAJsonLineIsADeadLetterAndCountsAddUp() throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] envoy = fixture("envoy.ndjson");
        int firstLine = new String(envoy, StandardCharsets.UTF_8).indexOf('\n') + 1;
        all.write(envoy, 0, firstLine);
        all.write(
                "{\"start_time\":\"2024-05-01T12:00:00Z\",\"path\":\"/"
                        .getBytes(StandardCharsets.UTF_8));
        all.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        all.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        all.write(envoy, 0, firstLine);
        List<Parsed> parsed = readAll(new EnvoyJsonFormat(), all.toByteArray());
        assertThat(parsed).hasSize(3);
        assertThat(events(parsed)).hasSize(2);
        DeadLetter d = deadLetters(parsed).get(0);
        assertThat(d.line()).isEqualTo(2);
        assertThat(d.position()).isEqualTo(firstLine);
        assertThat(d.reason()).contains("Invalid UTF-8");
        assertThat(d.rawIsText()).isFalse();
    }
}
