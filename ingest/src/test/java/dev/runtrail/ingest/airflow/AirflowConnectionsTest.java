package dev.runtrail.ingest.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Airflow connection exports (JSON, YAML, env) and REST API lists: golden tests on hand-written
 * fixtures (expected values written from the fixture text), the scenario's connections.json, bad
 * input, and that no password or secret of {@code extra} survives in any field.
 */
class AirflowConnectionsTest {
    private static final AirflowConnectionsFormat FORMAT = new AirflowConnectionsFormat();

    /** Every secret in the fixtures below; none may appear in an emitted document. */
    private static final List<String> SECRETS =
            List.of(
                    "Winter2024!x",
                    "s3cr3t-extra-value",
                    "P@ss w0rd\"quoted",
                    "yaml-secret-77",
                    "extra-pw-123",
                    "env@pass:word",
                    "env%40pass%3Aword",
                    "tok-987",
                    "json-pw-555",
                    "kf-secret-1",
                    "api-pw-321",
                    "api-tok-9",
                    "Sup3r-s3cret");

    static final String EXPORT_JSON =
            """
            {
              "winrm_db": {
                "conn_type": "winrm",
                "description": "WinRM to the database host",
                "login": "CORP\\\\svc_db",
                "password": "Winter2024!x",
                "host": "win-db01.corp.example.com",
                "port": 5985,
                "schema": "",
                "extra": "{\\"transport\\": \\"ntlm\\", \\"client_secret\\": \\"s3cr3t-extra-value\\"}"
              },
              "ssh_ip": {
                "conn_type": "ssh",
                "description": null,
                "login": "deploy@corp.example.com",
                "password": null,
                "host": "10.20.30.40",
                "port": 22,
                "schema": null,
                "extra": null
              },
              "broken": "not an object",
              "mssql_plain": {
                "conn_type": "mssql",
                "description": "",
                "login": "sa_reader",
                "password": "P@ss w0rd\\"quoted",
                "host": "sql01",
                "port": "1433",
                "schema": "audit",
                "extra": ""
              }
            }
            """;

    static final String EXPORT_YAML =
            """
            psrp_app:
              conn_type: psrp
              description: PSRP to the app server
              extra: '{"auth": "kerberos", "password": "extra-pw-123", "server_cert_validation":
                "ignore"}'
              host: WIN-APP01
              login: CORP\\svc_app
              password: yaml-secret-77
              port: 5986
              schema: ''
            broken_yaml:
              conn_type: [unclosed
              host: x
            sftp_box:
              conn_type: sftp
              description: ''
              extra: null
              host: 192.168.1.50
              login: svc_sftp@corp.example.com
              password: null
              port: 22
              schema: ''
            not_a_map: just a string
            """;

    static final String EXPORT_ENV =
            """
            # exported for the audit
            winrm_env=winrm://CORP%5Csvc_env:env%40pass%3Aword@win-db02:5985/?transport=ntlm&api_token=tok-987
            json_env={"conn_type": "ssh", "login": "svc_json", "password": "json-pw-555", "host": "linux01", "port": 22, "schema": "", "extra": ""}

            bad_port=ssh://user:pw-bad-1@host:notaport
            gcp_env=google-cloud-platform://?__extra__=%7B%22project%22%3A+%22p1%22%2C+%22keyfile_dict%22%3A+%22kf-secret-1%22%7D
            noscheme
            postgres_ip=postgres://reader@[2001:db8::5]:5432/warehouse
            """;

    static final String API_LIST =
            """
            {"connections": [
              {"connection_id": "http_api", "conn_type": "http", "description": "Internal API", "host": "api.corp.example.com", "login": null, "port": 443, "schema": "https"},
              42,
              {"connection_id": "winrm_api", "conn_type": "winrm", "description": null, "host": "172.16.0.9", "login": "CORP\\\\svc_api", "port": 5985, "schema": null, "password": "api-pw-321", "extra": "{\\"token\\": \\"api-tok-9\\"}"}
             ], "total_entries": 3}
            """;

    @Test
    void jsonExport() throws IOException {
        Reads.Result r = Reads.read(FORMAT, "exports/conns.json", EXPORT_JSON);
        assertThat(r.events()).hasSize(3);
        assertThat(r.deadLetters()).hasSize(1);

        EcsDocument winrm = r.event(0);
        assertThat(winrm.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("winrm_db");
        assertThat(winrm.getString(Ecs.AIRFLOW_CONN_TYPE)).isEqualTo("winrm");
        assertThat(winrm.getString(Ecs.EVENT_DATASET)).isEqualTo("airflow.connection");
        assertThat(winrm.getString(Ecs.EVENT_KIND)).isEqualTo("state");
        assertThat(winrm.getString(Ecs.DESTINATION_DOMAIN)).isEqualTo("win-db01.corp.example.com");
        assertThat(winrm.has(Ecs.DESTINATION_IP)).isFalse();
        assertThat(winrm.getLong(Ecs.DESTINATION_PORT)).isEqualTo(5985L);
        assertThat(winrm.getString(Ecs.USER_NAME)).isEqualTo("CORP\\svc_db");
        assertThat(winrm.getString(Ecs.USER_DOMAIN)).isEqualTo("CORP");
        assertThat(winrm.getString(Ecs.AIRFLOW_CONN_USER)).isEqualTo("svc_db");
        assertThat(winrm.getString(Ecs.MESSAGE)).isEqualTo("WinRM to the database host");
        assertThat(winrm.has(Ecs.AIRFLOW_CONN_SCHEMA)).isFalse(); // ""
        assertThat(winrm.getString(Ecs.AIRFLOW_CONN_EXTRA))
                .isEqualTo("{\"transport\":\"ntlm\",\"client_secret\":\"***\"}");
        int start = EXPORT_JSON.indexOf("\"winrm_db\"");
        int end = EXPORT_JSON.indexOf("\n  },", start) + 4;
        String raw = EXPORT_JSON.substring(start, end);
        // the file's folder and name (not its whole path), conn id and the record's SHA-256
        assertThat(winrm.id())
                .isEqualTo(
                        Hashing.docId(
                                "airflow-connection",
                                "exports/conns.json",
                                "winrm_db",
                                Hashing.sha256Hex(raw.getBytes(StandardCharsets.UTF_8))));
        assertThat(winrm.getLong(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(start);
        assertThat(winrm.getString(Ecs.EVENT_HASH))
                .isEqualTo(Hashing.sha256Hex(raw.getBytes(StandardCharsets.UTF_8)));
        // only the two secret values differ from the raw record
        assertThat(winrm.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(
                        raw.replace("\"Winter2024!x\"", "\"***\"")
                                .replace(
                                        "\"{\\\"transport\\\": \\\"ntlm\\\", \\\"client_secret\\\":"
                                                + " \\\"s3cr3t-extra-value\\\"}\"",
                                        "\"{\\\"transport\\\":\\\"ntlm\\\",\\\"client_secret\\\":"
                                                + "\\\"***\\\"}\""));

        EcsDocument ssh = r.event(1);
        assertThat(ssh.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("ssh_ip");
        assertThat(ssh.getString(Ecs.DESTINATION_IP)).isEqualTo("10.20.30.40");
        assertThat(ssh.has(Ecs.DESTINATION_DOMAIN)).isFalse();
        assertThat(ssh.getString(Ecs.USER_NAME)).isEqualTo("deploy@corp.example.com");
        assertThat(ssh.getString(Ecs.USER_DOMAIN)).isEqualTo("corp.example.com");
        assertThat(ssh.getString(Ecs.AIRFLOW_CONN_USER)).isEqualTo("deploy");
        assertThat(ssh.has(Ecs.MESSAGE)).isFalse();
        assertThat(ssh.has(Ecs.AIRFLOW_CONN_EXTRA)).isFalse();
        // nothing secret in it: kept byte for byte
        int sshStart = EXPORT_JSON.indexOf("\"ssh_ip\"");
        assertThat(ssh.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(
                        EXPORT_JSON.substring(
                                sshStart, EXPORT_JSON.indexOf("\n  },", sshStart) + 4));

        DeadLetter broken = r.deadLetters().get(0);
        assertThat(broken.position()).isEqualTo(EXPORT_JSON.indexOf("\"broken\""));
        assertThat(broken.line()).isEqualTo(22);
        assertThat(broken.reason()).contains("entry 'broken'").contains("found a string");
        assertThat(new String(broken.raw(), StandardCharsets.UTF_8))
                .isEqualTo("\"broken\": \"not an object\"");

        EcsDocument mssql = r.event(2);
        assertThat(mssql.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("mssql_plain");
        assertThat(mssql.getLong(Ecs.DESTINATION_PORT)).isEqualTo(1433L); // "1433"
        assertThat(mssql.getString(Ecs.AIRFLOW_CONN_SCHEMA)).isEqualTo("audit");
        assertThat(mssql.getString(Ecs.USER_NAME)).isEqualTo("sa_reader");
        assertThat(mssql.has(Ecs.USER_DOMAIN)).isFalse();
        assertThat(mssql.getString(Ecs.EVENT_ORIGINAL))
                .contains("\"password\": \"***\",")
                .contains("\"extra\": \"\"");

        assertThat(Formats.detect(input("conns.json", EXPORT_JSON)).orElseThrow().name())
                .isEqualTo(AirflowConnectionsFormat.NAME);
    }

    @Test
    void yamlExport() throws IOException {
        Reads.Result r = Reads.read(FORMAT, "exports/conns.yaml", EXPORT_YAML);
        assertThat(r.events()).hasSize(2);
        assertThat(r.deadLetters()).hasSize(2);

        EcsDocument psrp = r.event(0);
        assertThat(psrp.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("psrp_app");
        assertThat(psrp.getString(Ecs.AIRFLOW_CONN_TYPE)).isEqualTo("psrp");
        assertThat(psrp.getString(Ecs.DESTINATION_DOMAIN)).isEqualTo("WIN-APP01");
        assertThat(psrp.getLong(Ecs.DESTINATION_PORT)).isEqualTo(5986L);
        assertThat(psrp.getString(Ecs.USER_NAME)).isEqualTo("CORP\\svc_app");
        assertThat(psrp.getString(Ecs.USER_DOMAIN)).isEqualTo("CORP");
        assertThat(psrp.getString(Ecs.AIRFLOW_CONN_USER)).isEqualTo("svc_app");
        assertThat(psrp.getString(Ecs.MESSAGE)).isEqualTo("PSRP to the app server");
        assertThat(psrp.getString(Ecs.AIRFLOW_CONN_EXTRA))
                .isEqualTo(
                        "{\"auth\":\"kerberos\",\"password\":\"***\","
                                + "\"server_cert_validation\":\"ignore\"}");
        String raw = EXPORT_YAML.substring(0, EXPORT_YAML.indexOf("broken_yaml:") - 1);
        assertThat(psrp.getLong(Ecs.RUNTRAIL_SOURCE_POSITION)).isZero();
        assertThat(psrp.getString(Ecs.EVENT_HASH))
                .isEqualTo(Hashing.sha256Hex(raw.getBytes(StandardCharsets.UTF_8)));
        assertThat(psrp.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(
                        """
                        psrp_app:
                          conn_type: psrp
                          description: PSRP to the app server
                          extra: '{"auth":"kerberos","password":"***","server_cert_validation":"ignore"}'
                          host: WIN-APP01
                          login: CORP\\svc_app
                          password: '***'
                          port: 5986
                          schema: ''""");

        DeadLetter broken = r.deadLetters().get(0);
        assertThat(broken.line()).isEqualTo(11);
        assertThat(broken.position()).isEqualTo(EXPORT_YAML.indexOf("broken_yaml:"));
        assertThat(broken.reason()).contains("does not parse");

        EcsDocument sftp = r.event(1);
        assertThat(sftp.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("sftp_box");
        assertThat(sftp.getString(Ecs.DESTINATION_IP)).isEqualTo("192.168.1.50");
        assertThat(sftp.getLong(Ecs.DESTINATION_PORT)).isEqualTo(22L);
        assertThat(sftp.getString(Ecs.USER_DOMAIN)).isEqualTo("corp.example.com");
        assertThat(sftp.getLong(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo(EXPORT_YAML.indexOf("sftp_box:"));

        DeadLetter notMap = r.deadLetters().get(1);
        assertThat(notMap.line()).isEqualTo(23);
        assertThat(notMap.reason()).contains("'not_a_map'").contains("STRING");

        assertThat(Formats.detect(input("conns.yaml", EXPORT_YAML)).orElseThrow().name())
                .isEqualTo(AirflowConnectionsFormat.NAME);
    }

    @Test
    void envExport() throws IOException {
        Reads.Result r = Reads.read(FORMAT, "exports/conns.env", EXPORT_ENV);
        assertThat(r.events()).hasSize(4);
        assertThat(r.deadLetters()).hasSize(2);

        EcsDocument winrm = r.event(0);
        assertThat(winrm.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("winrm_env");
        assertThat(winrm.getString(Ecs.AIRFLOW_CONN_TYPE)).isEqualTo("winrm");
        assertThat(winrm.getString(Ecs.URL_SCHEME)).isEqualTo("winrm");
        assertThat(winrm.getString(Ecs.DESTINATION_DOMAIN)).isEqualTo("win-db02");
        assertThat(winrm.getLong(Ecs.DESTINATION_PORT)).isEqualTo(5985L);
        assertThat(winrm.getString(Ecs.USER_NAME)).isEqualTo("CORP\\svc_env");
        assertThat(winrm.getString(Ecs.USER_DOMAIN)).isEqualTo("CORP");
        assertThat(winrm.getString(Ecs.AIRFLOW_CONN_USER)).isEqualTo("svc_env");
        assertThat(winrm.has(Ecs.AIRFLOW_CONN_SCHEMA)).isFalse();
        assertThat(winrm.getString(Ecs.AIRFLOW_CONN_EXTRA))
                .isEqualTo("{\"transport\":\"ntlm\",\"api_token\":\"***\"}");
        assertThat(winrm.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(
                        "winrm_env=winrm://CORP%5Csvc_env:***@win-db02:5985/"
                                + "?transport=ntlm&api_token=***");
        String line2 = EXPORT_ENV.lines().toList().get(1);
        assertThat(winrm.getString(Ecs.EVENT_HASH))
                .isEqualTo(Hashing.sha256Hex(line2.getBytes(StandardCharsets.UTF_8)));
        assertThat(winrm.getLong(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo(EXPORT_ENV.indexOf("winrm_env"));

        EcsDocument json = r.event(1);
        assertThat(json.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("json_env");
        assertThat(json.getString(Ecs.AIRFLOW_CONN_TYPE)).isEqualTo("ssh");
        assertThat(json.getString(Ecs.DESTINATION_DOMAIN)).isEqualTo("linux01");
        assertThat(json.getString(Ecs.USER_NAME)).isEqualTo("svc_json");
        assertThat(json.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(
                        "json_env={\"conn_type\": \"ssh\", \"login\": \"svc_json\", \"password\":"
                                + " \"***\", \"host\": \"linux01\", \"port\": 22, \"schema\": \"\","
                                + " \"extra\": \"\"}");

        DeadLetter badPort = r.deadLetters().get(0);
        assertThat(badPort.line()).isEqualTo(5);
        assertThat(badPort.reason()).contains("'bad_port'").contains("port number");
        assertThat(badPort.reason()).doesNotContain("pw-bad-1");

        EcsDocument gcp = r.event(2);
        assertThat(gcp.getString(Ecs.AIRFLOW_CONN_TYPE)).isEqualTo("google_cloud_platform");
        assertThat(gcp.getString(Ecs.URL_SCHEME)).isEqualTo("google-cloud-platform");
        assertThat(gcp.has(Ecs.DESTINATION_DOMAIN)).isFalse();
        assertThat(gcp.has(Ecs.DESTINATION_IP)).isFalse();
        assertThat(gcp.getString(Ecs.AIRFLOW_CONN_EXTRA))
                .isEqualTo("{\"project\":\"p1\",\"keyfile_dict\":\"***\"}");
        assertThat(gcp.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(
                        "gcp_env=google-cloud-platform://?__extra__=%7B%22project%22%3A%22p1%22"
                                + "%2C%22keyfile_dict%22%3A%22***%22%7D");

        DeadLetter noScheme = r.deadLetters().get(1);
        assertThat(noScheme.line()).isEqualTo(7);
        assertThat(noScheme.reason()).contains("expected CONN_ID=uri");

        EcsDocument pg = r.event(3);
        assertThat(pg.getString(Ecs.DESTINATION_IP)).isEqualTo("2001:db8::5");
        assertThat(pg.getLong(Ecs.DESTINATION_PORT)).isEqualTo(5432L);
        assertThat(pg.getString(Ecs.AIRFLOW_CONN_SCHEMA)).isEqualTo("warehouse");
        assertThat(pg.getString(Ecs.USER_NAME)).isEqualTo("reader");
        assertThat(pg.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo("postgres_ip=postgres://reader@[2001:db8::5]:5432/warehouse");

        assertThat(Formats.detect(input("conns.env", EXPORT_ENV)).orElseThrow().name())
                .isEqualTo(AirflowConnectionsFormat.NAME);
    }

    @Test
    void apiList() throws IOException {
        Reads.Result r = Reads.read(FORMAT, "api/connections.json", API_LIST);
        assertThat(r.events()).hasSize(2);
        assertThat(r.deadLetters()).hasSize(1);

        EcsDocument http = r.event(0);
        assertThat(http.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("http_api");
        assertThat(http.getString(Ecs.AIRFLOW_CONN_TYPE)).isEqualTo("http");
        assertThat(http.getString(Ecs.DESTINATION_DOMAIN)).isEqualTo("api.corp.example.com");
        assertThat(http.getLong(Ecs.DESTINATION_PORT)).isEqualTo(443L);
        assertThat(http.getString(Ecs.AIRFLOW_CONN_SCHEMA)).isEqualTo("https");
        assertThat(http.getString(Ecs.MESSAGE)).isEqualTo("Internal API");
        assertThat(http.has(Ecs.USER_NAME)).isFalse();
        assertThat(http.getLong(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo(API_LIST.indexOf("{\"connection_id\": \"http_api\""));

        DeadLetter number = r.deadLetters().get(0);
        assertThat(number.reason()).contains("element 1 of 'connections'").contains("a number");
        assertThat(number.line()).isEqualTo(3);

        EcsDocument winrm = r.event(1);
        assertThat(winrm.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("winrm_api");
        assertThat(winrm.getString(Ecs.DESTINATION_IP)).isEqualTo("172.16.0.9");
        assertThat(winrm.getString(Ecs.USER_NAME)).isEqualTo("CORP\\svc_api");
        assertThat(winrm.getString(Ecs.AIRFLOW_CONN_EXTRA)).isEqualTo("{\"token\":\"***\"}");
        assertThat(winrm.getString(Ecs.EVENT_ORIGINAL))
                .contains("\"password\": \"***\"")
                .contains("\"extra\": \"{\\\"token\\\":\\\"***\\\"}\"");

        assertThat(Formats.detect(input("connections.json", API_LIST)).orElseThrow().name())
                .isEqualTo(AirflowConnectionsFormat.NAME);
    }

    @Test
    void invalidJsonKeepsTheEntriesBeforeTheBreak() throws IOException {
        String text =
                "{\"a\": {\"conn_type\": \"ssh\", \"host\": \"h1\"},\n"
                        + " \"b\": {\"conn_type\": \"ssh\", \"password\": \"Sup3r-s3cret\", \"host\": ";
        Reads.Result r = Reads.read(FORMAT, "cut.json", text);
        assertThat(r.events()).hasSize(1);
        assertThat(r.event(0).getString(Ecs.DESTINATION_DOMAIN)).isEqualTo("h1");
        assertThat(r.deadLetters()).hasSize(1);
        DeadLetter cut = r.deadLetters().get(0);
        assertThat(cut.position()).isEqualTo(text.indexOf("\"b\""));
        assertThat(cut.reason()).contains("well-formed JSON");
        assertThat(new String(cut.raw(), StandardCharsets.UTF_8))
                .isEqualTo(text.substring(text.indexOf("\"b\"")));
    }

    @Test
    void noSecretInAnyEmittedDocument() throws IOException {
        List<EcsDocument> all = new ArrayList<>();
        all.addAll(Reads.read(FORMAT, "a.json", EXPORT_JSON).events());
        all.addAll(Reads.read(FORMAT, "a.yaml", EXPORT_YAML).events());
        all.addAll(Reads.read(FORMAT, "a.env", EXPORT_ENV).events());
        all.addAll(Reads.read(FORMAT, "api.json", API_LIST).events());
        assertThat(all).hasSize(11);
        for (EcsDocument doc : all) {
            String json = EcsJson.toJson(doc);
            for (Map.Entry<String, Object> field : doc.fields().entrySet()) {
                for (String secret : SECRETS) {
                    assertThat(String.valueOf(field.getValue()))
                            .as(doc.getString(Ecs.AIRFLOW_CONN_ID) + " " + field.getKey())
                            .doesNotContain(secret);
                    assertThat(json).doesNotContain(secret.replace("\"", "\\\""));
                }
            }
            assertThat(doc.getString(Ecs.EVENT_ORIGINAL)).doesNotContain("password\": \"P");
        }
    }

    @Test
    void scenarioConnections() throws IOException {
        Path file =
                Path.of(System.getProperty("runtrail.root", ".."))
                        .resolve("sample-data/airflow/connections.json");
        // bundled with the project (sample-data/), so it is never absent
        assertThat(file).isRegularFile();
        Reads.Result r = Reads.read(FORMAT, file);
        assertThat(r.deadLetters()).isEmpty();
        // values read from the file by hand
        assertThat(r.events())
                .extracting(
                        e -> e.getString(Ecs.AIRFLOW_CONN_ID),
                        e -> e.getString(Ecs.AIRFLOW_CONN_TYPE),
                        e -> e.getString(Ecs.DESTINATION_DOMAIN),
                        e -> e.getLong(Ecs.DESTINATION_PORT),
                        e -> e.getString(Ecs.USER_NAME))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "psrp_win_db01", "psrp", "WIN-DB01", 5986L, "CORP\\svc_airflow"),
                        org.assertj.core.groups.Tuple.tuple(
                                "winrm_win_db01", "winrm", "win-db01", 5985L, "CORP\\svc_airflow"),
                        org.assertj.core.groups.Tuple.tuple(
                                "ssh_win_fs01", "ssh", "win-fs01.corp.example.com", 22L, "svc_etl"),
                        org.assertj.core.groups.Tuple.tuple(
                                "winrm_win_app01",
                                "winrm",
                                "win-app01.corp.example.com",
                                5985L,
                                "svc_etl@corp.example.com"));
        assertThat(r.event(0).getString(Ecs.USER_DOMAIN)).isEqualTo("CORP");
        assertThat(r.event(0).getString(Ecs.AIRFLOW_CONN_EXTRA))
                .isEqualTo("{\"auth\":\"kerberos\",\"ssl\":true}");
        assertThat(r.event(3).getString(Ecs.USER_DOMAIN)).isEqualTo("corp.example.com");
        assertThat(r.event(3).getString(Ecs.AIRFLOW_CONN_USER)).isEqualTo("svc_etl");
        assertThat(Formats.detect(InputSource.of(file)).orElseThrow().name())
                .isEqualTo(AirflowConnectionsFormat.NAME);
    }

    @Test
    void doesNotClaimOtherJsonOrYaml() {
        String dagRuns =
                "{\"dag_runs\": [{\"dag_id\": \"d\", \"dag_run_id\": \"r\", \"conf\": {}}],"
                        + " \"total_entries\": 1}";
        String eventLogs =
                "{\"event_logs\": [{\"event\": \"trigger\", \"extra\": \"{}\"}], \"total_entries\": 1}";
        String keyedOther = "{\"a\": {\"type\": \"x\", \"host\": \"h\"}}";
        String winlogbeat =
                "{\"@timestamp\": \"2024-01-01T00:00:00Z\", \"winlog\": {\"event_id\": 4624}}";
        String yamlOther = "rules:\n  - name: x\n    pattern: y\n";
        String logLine = "[2024-05-01, 12:00:03 UTC] {taskinstance.py:1157} INFO - a=b://c\n";
        for (String s : List.of(dagRuns, eventLogs, keyedOther, winlogbeat, yamlOther, logLine)) {
            assertThat(FORMAT.sniff("x", s.getBytes(StandardCharsets.UTF_8))).as(s).isZero();
        }
    }

    @Test
    void extraWrittenAsAnObjectIsMaskedInPlace() throws IOException {
        String json =
                "{\"c\": {\"conn_type\": \"http\", \"host\": \"h\", \"extra\":"
                        + " {\"headers\": {\"Authorization\": \"Bearer abc-777\"}, \"timeout\": 5}}}";
        EcsDocument doc = Reads.read(FORMAT, "obj.json", json).event(0);
        assertThat(doc.getString(Ecs.AIRFLOW_CONN_EXTRA))
                .isEqualTo("{\"headers\":{\"Authorization\":\"***\"},\"timeout\":5}");
        assertThat(doc.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(
                        "\"c\": {\"conn_type\": \"http\", \"host\": \"h\", \"extra\":"
                                + " {\"headers\":{\"Authorization\":\"***\"},\"timeout\":5}}");

        String yaml =
                """
                c:
                  conn_type: http
                  extra:
                    timeout: 5
                    api_key: key-888
                  host: h
                """;
        EcsDocument y = Reads.read(FORMAT, "obj.yaml", yaml).event(0);
        assertThat(y.getString(Ecs.AIRFLOW_CONN_EXTRA))
                .isEqualTo("{\"timeout\":5,\"api_key\":\"***\"}");
        assertThat(y.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(
                        """
                        c:
                          conn_type: http
                          extra:
                            {"timeout":5,"api_key":"***"}
                          host: h""");
    }

    @Test
    void extraThatIsNotJsonIsDroppedAndMaskedWhole() throws IOException {
        String json = "{\"c\": {\"conn_type\": \"x\", \"extra\": \"token=abc-999\"}}";
        EcsDocument doc = Reads.read(FORMAT, "nojson.json", json).event(0);
        assertThat(doc.has(Ecs.AIRFLOW_CONN_EXTRA)).isFalse();
        assertThat(doc.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo("\"c\": {\"conn_type\": \"x\", \"extra\": \"***\"}");
    }

    @Test
    void oneApiConnectionObject() throws IOException {
        String text =
                """
                {
                  "connection_id": "psrp_one",
                  "conn_type": "psrp",
                  "description": null,
                  "host": "win-one.corp.example.com",
                  "login": "CORP\\\\svc_one",
                  "schema": null,
                  "port": 5986,
                  "password": "one-pw-4242",
                  "extra": null,
                  "team_name": null
                }
                """;
        Reads.Result r = Reads.read(FORMAT, "one.json", text);
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(1);
        EcsDocument doc = r.event(0);
        assertThat(doc.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("psrp_one");
        assertThat(doc.getString(Ecs.DESTINATION_DOMAIN)).isEqualTo("win-one.corp.example.com");
        assertThat(doc.getString(Ecs.USER_NAME)).isEqualTo("CORP\\svc_one");
        assertThat(doc.getLong(Ecs.RUNTRAIL_SOURCE_POSITION)).isZero();
        assertThat(doc.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(text.strip().replace("\"one-pw-4242\"", "\"***\""));
        assertThat(Formats.detect(input("one.json", text)).orElseThrow().name())
                .isEqualTo(AirflowConnectionsFormat.NAME);
    }

    @Test
    void emptyApiListYieldsNothing() throws IOException {
        Reads.Result r =
                Reads.read(FORMAT, "empty.json", "{\"connections\": [], \"total_entries\": 0}");
        assertThat(r.all()).isEmpty();
    }

    @Test
    void noSharedSampleIsClaimed() throws IOException {
        Path dir = Reads.samples();
        List<Path> files;
        try (var s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            byte[] head;
            try (var in = Files.newInputStream(f)) {
                head = in.readNBytes(64 * 1024);
            }
            assertThat(FORMAT.sniff(f.getFileName().toString(), head)).as(f.toString()).isZero();
        }
    }

    private static InputSource input(String name, String content) {
        return InputSource.of(SourceRef.of(name), name, content.getBytes(StandardCharsets.UTF_8));
    }
}
