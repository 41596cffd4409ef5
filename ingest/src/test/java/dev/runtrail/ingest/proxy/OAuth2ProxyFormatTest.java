package dev.runtrail.ingest.proxy;

import static dev.runtrail.ingest.proxy.ProxySamples.deadLetters;
import static dev.runtrail.ingest.proxy.ProxySamples.events;
import static dev.runtrail.ingest.proxy.ProxySamples.readAll;
import static dev.runtrail.ingest.proxy.ProxySamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Golden tests on the real oauth2-proxy lines in the shared samples. Expected values were read from
 * the sample files by hand.
 */
class OAuth2ProxyFormatTest {
    private final OAuth2ProxyFormat format = new OAuth2ProxyFormat();

    @Test
    void legacyBitlyRequestWithoutUser() throws Exception {
        List<Parsed> all =
                readAll(format, sample("oauth2-proxy_bitly-issue-169_MiguelGArgiles.log"));
        assertThat(all).hasSize(1);
        EcsDocument e = events(all).get(0);
        assertThat(e.getString(Ecs.SOURCE_IP)).isEqualTo("127.0.0.1");
        assertThat(e.has(Ecs.USER_NAME)).isFalse();
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2015-11-15T00:38:24Z"));
        assertThat(e.getString(Ecs.URL_DOMAIN)).isEqualTo("127.0.0.1");
        assertThat(e.getString(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("GET");
        assertThat(e.getString(Ecs.URL_PATH)).isEqualTo("/auth");
        assertThat(e.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(403L);
        assertThat(e.getString(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(2288L);
        assertThat(e.getLong(Ecs.EVENT_DURATION)).isEqualTo(1_000_000L);
        assertThat(e.getString(Ecs.HTTP_VERSION)).isEqualTo("1.0");
        assertThat(e.getString(Ecs.USER_AGENT_ORIGINAL))
                .startsWith("Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(e.getString(Ecs.EVENT_DATASET)).isEqualTo("proxy.oauth2_proxy");
    }

    @Test
    void legacyBitlyRequestsAndGoLogLines() throws Exception {
        Path file = sample("oauth2-proxy_bitly-issue-374_spommerening.log");
        List<Parsed> all = readAll(format, file);
        assertThat(all).hasSize(6);
        assertThat(deadLetters(all)).isEmpty();
        List<EcsDocument> ev = events(all);
        EcsDocument logout = ev.get(1);
        assertThat(logout.getString(Ecs.USER_NAME)).isEqualTo("XXXXXXXXXXX@ABCDEF.de");
        assertThat(logout.getString(Ecs.USER_EMAIL)).isEqualTo("XXXXXXXXXXX@ABCDEF.de");
        assertThat(logout.timestamp()).isEqualTo(Instant.parse("2017-04-18T09:51:10Z"));
        assertThat(logout.getString(Ecs.URL_PATH)).isEqualTo("/user/logout");
        assertThat(logout.getString(OAuth2ProxyLineParser.UPSTREAM)).isEqualTo("127.0.0.1:4440");
        assertThat(logout.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(302L);
        assertThat(logout.getLong(Ecs.EVENT_DURATION)).isEqualTo(3_000_000L);
        assertThat(ev.get(0).getString(Ecs.URL_DOMAIN)).isEqualTo("rundeck-test-1.XXXXXXXXXXX.com");
        assertThat(ev.get(0).getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(202L);
        assertThat(ev.get(0).has(OAuth2ProxyLineParser.UPSTREAM)).isFalse();

        EcsDocument goLog = ev.get(4);
        assertThat(goLog.timestamp()).isEqualTo(Instant.parse("2017-04-18T09:51:10Z"));
        assertThat(goLog.getString(Ecs.LOG_ORIGIN_FILE_NAME)).isEqualTo("oauthproxy.go");
        assertThat(goLog.getLong(Ecs.LOG_ORIGIN_FILE_LINE)).isEqualTo(478L);
        assertThat(goLog.getString(Ecs.MESSAGE))
                .isEqualTo("127.0.0.1:27048 error redeeming code missing code");
        assertThat(ev.get(5).getLong(Ecs.LOG_ORIGIN_FILE_LINE)).isEqualTo(319L);

        // event.original and event.hash cover the raw line exactly
        String firstLine = Files.readAllLines(file).get(0);
        assertThat(ev.get(0).getString(Ecs.EVENT_ORIGINAL)).isEqualTo(firstLine);
        assertThat(ev.get(0).getString(Ecs.EVENT_HASH))
                .isEqualTo(Hashing.sha256Hex(firstLine.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void herokuPrefixIsATransportPrefixNotPartOfTheRecord() throws Exception {
        List<Parsed> all = readAll(format, sample("oauth2-proxy_bitly-issue-508_joneslee85.log"));
        EcsDocument e = events(all).get(0);
        assertThat(all).hasSize(1);
        assertThat(e.getString(Ecs.SOURCE_IP)).isEqualTo("10.164.117.92");
        assertThat(e.getString(Ecs.USER_NAME)).isEqualTo("trung.le@ruby-journal.com");
        // the access time, not the Heroku router's receive time (4 s later)
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2017-12-07T11:48:55Z"));
        assertThat(e.getString(Ecs.URL_PATH)).isEqualTo("/hello");
        assertThat(e.getString(OAuth2ProxyLineParser.UPSTREAM))
                .isEqualTo("trung-upstream.herokuapp.com");
        assertThat(e.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(400L);
        assertThat(e.getLong(Ecs.EVENT_DURATION)).isEqualTo(3_942_000_000L);
        assertThat(e.get(Ecs.TAGS)).isEqualTo(List.of("heroku"));
        assertThat(e.getString(Ecs.EVENT_ORIGINAL))
                .startsWith("2017-12-07T11:48:59.659576+00:00 app[web.1]: ");
    }

    @Test
    void blockquotedPasteIsADeadLetterAndTheV5LinesParse() throws Exception {
        List<Parsed> all = readAll(format, sample("oauth2-proxy_issue-1366_puneetbabbar26.log"));
        assertThat(all).hasSize(3);
        DeadLetter dead = (DeadLetter) all.get(0);
        assertThat(dead.line()).isEqualTo(1);
        assertThat(dead.position()).isZero();
        assertThat(dead.reason()).contains("Line 1").contains("blockquote");
        assertThat(new String(dead.raw(), StandardCharsets.UTF_8))
                .startsWith("> [2021/09/15 06:21:42]");

        EcsDocument request = (EcsDocument) all.get(1);
        assertThat(request.getString(Ecs.SOURCE_IP)).isEqualTo("172.17.0.1");
        assertThat(request.has(Ecs.USER_NAME)).isFalse();
        assertThat(request.has(Ecs.HTTP_REQUEST_ID)).isFalse();
        assertThat(request.timestamp()).isEqualTo(Instant.parse("2021-09-15T06:21:42Z"));
        assertThat(request.getString(Ecs.URL_PATH)).isEqualTo("/whoIs");
        assertThat(request.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(302L);
        assertThat(request.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(331L);

        EcsDocument auth = (EcsDocument) all.get(2);
        assertThat(auth.getString(Ecs.EVENT_ACTION)).isEqualTo("auth-success");
        assertThat(auth.getString(Ecs.EVENT_CATEGORY)).isEqualTo("authentication");
        assertThat(auth.getString(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        assertThat(auth.getString(Ecs.USER_NAME)).isEqualTo("blah@blah");
        assertThat(auth.timestamp()).isEqualTo(Instant.parse("2021-09-15T06:21:43Z"));
        assertThat(auth.getString(Ecs.MESSAGE)).startsWith("Authenticated via OAuth2: Session{");
    }

    @Test
    void v7RequestsWithClientPortAndRequestId() throws Exception {
        List<EcsDocument> ev =
                events(readAll(format, sample("oauth2-proxy_issue-1434_haowang-pony.log")));
        assertThat(ev).hasSize(2);
        EcsDocument first = ev.get(0);
        assertThat(first.getString(Ecs.SOURCE_IP)).isEqualTo("10.244.235.105");
        assertThat(first.getLong(Ecs.SOURCE_PORT)).isEqualTo(35206L);
        assertThat(first.getString(Ecs.HTTP_REQUEST_ID))
                .isEqualTo("18e4a1ddb5e4174dc91b25056abad98a");
        assertThat(first.has(Ecs.USER_NAME)).isFalse();
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2021-11-01T21:51:44Z"));
        assertThat(first.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(401L);
        EcsDocument start = ev.get(1);
        assertThat(start.getString(Ecs.URL_ORIGINAL)).isEqualTo("/oauth2/start?rd=/headers");
        assertThat(start.getString(Ecs.URL_PATH)).isEqualTo("/oauth2/start");
        assertThat(start.getString(Ecs.URL_QUERY)).isEqualTo("rd=/headers");
        assertThat(start.getString(Ecs.URL_DOMAIN)).isEqualTo("oauth2.k8s.sc.corp.pony.ai");
        assertThat(start.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(374L);
    }

    @Test
    void standardLines() throws Exception {
        List<Parsed> one = readAll(format, sample("oauth2-proxy_issue-1461_aug70.log"));
        EcsDocument e = events(one).get(0);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2022-08-23T13:06:36Z"));
        assertThat(e.getLong(Ecs.LOG_ORIGIN_FILE_LINE)).isEqualTo(768L);
        assertThat(e.getString(Ecs.MESSAGE))
                .startsWith("Error redeeming code during OAuth2 callback");

        List<EcsDocument> five =
                events(readAll(format, sample("oauth2-proxy_issue-2476_tppalani.log")));
        assertThat(five).hasSize(5);
        assertThat(five.get(3).getString(Ecs.LOG_ORIGIN_FILE_NAME)).isEqualTo("http.go");
        assertThat(five.get(3).getString(Ecs.MESSAGE)).isEqualTo("HTTP: listening on :8888");
        assertThat(five.get(4).timestamp()).isEqualTo(Instant.parse("2024-02-02T12:40:19Z"));
    }

    @Test
    void emptyUserAgentAndMixedStandardLines() throws Exception {
        List<EcsDocument> ev =
                events(readAll(format, sample("oauth2-proxy_issue-2885_matthjes.log")));
        assertThat(ev).hasSize(6);
        assertThat(ev.get(0).getString(Ecs.MESSAGE)).isEqualTo("Performing OIDC Discovery...");
        EcsDocument req = ev.get(4);
        assertThat(req.getString(Ecs.SOURCE_IP)).isEqualTo("10.19.255.4");
        assertThat(req.getString(Ecs.HTTP_REQUEST_ID))
                .isEqualTo("6b8ad3d13f383608814dd9ef99fe7c0c");
        assertThat(req.timestamp()).isEqualTo(Instant.parse("2024-12-12T16:23:17Z"));
        assertThat(req.has(Ecs.USER_AGENT_ORIGINAL)).isFalse();
        assertThat(req.getString(Ecs.URL_DOMAIN))
                .isEqualTo("oauth2-proxy-internet-service.int5.svc.cluster.local");
        assertThat(ev.get(5).getString(Ecs.SOURCE_IP)).isEqualTo("10.19.255.7");
    }

    @Test
    void authSuccessWithUserAndRequestId() throws Exception {
        List<EcsDocument> ev =
                events(readAll(format, sample("oauth2-proxy_issue-2965_tirelibirefe.log")));
        assertThat(ev).hasSize(1);
        EcsDocument e = ev.get(0);
        assertThat(e.getString(Ecs.SOURCE_IP)).isEqualTo("127.0.0.6");
        assertThat(e.getLong(Ecs.SOURCE_PORT)).isEqualTo(51671L);
        assertThat(e.getString(Ecs.HTTP_REQUEST_ID))
                .isEqualTo("b849e58b-fd76-4ba5-a0d7-e977a32bd848");
        assertThat(e.getString(Ecs.USER_NAME)).isEqualTo("lvcleef@mydomain.com");
        assertThat(e.getString(Ecs.USER_EMAIL)).isEqualTo("lvcleef@mydomain.com");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2025-02-21T02:31:30Z"));
        assertThat(e.getString(Ecs.EVENT_ACTION)).isEqualTo("auth-success");
        assertThat(e.getString(Ecs.MESSAGE)).endsWith("role:account:view-profile]}");
    }

    @Test
    void requestAuthCallbackAndStandardWithRedactedValuesKept() throws Exception {
        List<EcsDocument> ev =
                events(readAll(format, sample("oauth2-proxy_issue-3084_mrlhansen.log")));
        assertThat(ev).hasSize(4);
        assertThat(ev.get(0).getString(Ecs.URL_PATH)).isEqualTo("/");
        assertThat(ev.get(0).getLong(Ecs.EVENT_DURATION)).isEqualTo(2_000_000L);
        assertThat(ev.get(1).getString(Ecs.USER_NAME)).isEqualTo("xxx@example.com");
        assertThat(ev.get(1).timestamp()).isEqualTo(Instant.parse("2025-06-30T06:36:57Z"));
        EcsDocument callback = ev.get(2);
        assertThat(callback.timestamp()).isEqualTo(Instant.parse("2025-06-30T06:36:56Z"));
        assertThat(callback.getString(Ecs.HTTP_REQUEST_ID))
                .isEqualTo("29eb19d4-5d4d-4979-87f8-d604990f2b58");
        assertThat(callback.getString(Ecs.URL_PATH)).isEqualTo("/oauth2/callback");
        assertThat(callback.getString(Ecs.URL_QUERY)).isEqualTo("code=xxx&state=xxx%3A%2F");
        assertThat(callback.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(24L);
        assertThat(callback.getLong(Ecs.EVENT_DURATION)).isEqualTo(450_000_000L);
        assertThat(ev.get(3).getLong(Ecs.LOG_ORIGIN_FILE_LINE)).isEqualTo(1030L);
    }

    @Test
    void loggerTestTemplateWithoutTimeIsDeadLettered() throws Exception {
        List<Parsed> all = readAll(format, sample("oauth2-proxy_request_logger_test_expected.log"));
        assertThat(events(all)).isEmpty();
        List<DeadLetter> dead = deadLetters(all);
        assertThat(dead).hasSize(3);
        assertThat(dead).extracting(DeadLetter::line).containsExactly(1L, 2L, 3L);
        assertThat(dead.get(0).reason()).contains("[TIMELESS]").contains("yyyy/MM/dd HH:mm:ss");
    }

    @Test
    void everyRealSampleCountsAddUp() throws Exception {
        long lines = 0;
        long events = 0;
        long dead = 0;
        try (Stream<Path> files = Files.list(ProxySamples.dir())) {
            for (Path f :
                    files.filter(p -> p.getFileName().toString().startsWith("oauth2-proxy_"))
                            .toList()) {
                if (f.getFileName().toString().contains("request_logger_test")) {
                    continue;
                }
                lines += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
                List<Parsed> all = readAll(format, f);
                events += events(all).size();
                dead += deadLetters(all).size();
            }
        }
        assertThat(lines).isEqualTo(30); // per the samples README
        assertThat(events + dead).isEqualTo(lines);
        assertThat(dead).isEqualTo(1); // only the blockquoted line
    }

    @Test
    void detectsOauth2ProxyFiles() throws Exception {
        Path f = sample("oauth2-proxy_issue-3084_mrlhansen.log");
        assertThat(Formats.detect(dev.runtrail.ingest.InputSource.of(f)))
                .get()
                .extracting(dev.runtrail.ingest.Format::name)
                .isEqualTo(OAuth2ProxyFormat.NAME);
    }

    @Test
    void authFailureAndAirflowTriggerFixture() throws Exception {
        String text =
                "10.0.0.5:5123 - 0a1b - alice@corp.example [2024/05/01 12:00:00] [AuthFailure]"
                        + " Invalid authentication via OAuth2: unauthorized\n"
                        + "10.0.0.5:5123 - 0a1c - alice@corp.example [2024/05/01 12:00:02]"
                        + " airflow.corp.example POST http://airflow:8080/"
                        + " \"/airflow/api/v1/dags/etl%2Edaily/dagRuns\" HTTP/1.1 \"curl/8.0\""
                        + " 200 512 0.120\n";
        List<EcsDocument> ev = events(readAll(format, text));
        assertThat(ev).hasSize(2);
        assertThat(ev.get(0).getString(Ecs.EVENT_ACTION)).isEqualTo("auth-failure");
        assertThat(ev.get(0).getString(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        EcsDocument trigger = ev.get(1);
        assertThat(trigger.getString(Ecs.AIRFLOW_ACTION)).isEqualTo("trigger");
        assertThat(trigger.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("etl.daily");
        assertThat(trigger.getString(AirflowEndpoints.API_VERSION)).isEqualTo("v1");
        assertThat(trigger.getString(Ecs.USER_EMAIL)).isEqualTo("alice@corp.example");
        assertThat(trigger.getLong(Ecs.EVENT_DURATION)).isEqualTo(120_000_000L);
    }

    /** A line cut inside its auth status (found by feeding damaged samples to detection). */
    @Test
    void anAuthLineCutInsideItsStatusIsOneDeadLetterAndTheFileStillParses() throws Exception {
        String whole =
                "10.0.0.5:5123 - 0a1a - alice@corp.example [2024/05/01 11:59:59] [AuthSuccess]"
                        + " Authenticated via OAuth2";
        String cut = "10.0.0.5:5123 - 0a1b - alice@corp.example [2024/05/01 12:00:00] [AuthSucc";

        List<Parsed> out = readAll(format, whole + "\n" + cut + "\n");

        assertThat(events(out)).singleElement();
        assertThat(deadLetters(out))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason()).contains("is not closed by ']'");
                            assertThat(d.line()).isEqualTo(2);
                            assertThat(d.position()).isEqualTo(whole.length() + 1);
                            assertThat(new String(d.raw(), StandardCharsets.UTF_8)).isEqualTo(cut);
                        });
        // format detection tries the same line and must not throw on it either
        assertThat(
                        Formats.detect(
                                InputSource.of(
                                        SourceRef.of("cut.log"),
                                        "cut.log",
                                        cut.getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
    }

    @Test
    void zoneLessTimesUseTheConfiguredOffsetAndApacheTimesKeepTheirOwn() throws Exception {
        OAuth2ProxyFormat berlin = new OAuth2ProxyFormat(java.time.ZoneOffset.ofHours(2));
        String text =
                "10.0.0.1 - r1 - bob [2024/05/01 12:00:00] h GET - \"/\" HTTP/1.1 \"\" 200 1 0.001\n"
                        + "10.0.0.1 - bob [01/May/2024:12:00:00 -0400] h GET - \"/\" HTTP/1.0 \"\" 200 1 0.001\n";
        List<EcsDocument> ev = events(readAll(berlin, text));
        assertThat(ev.get(0).timestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(ev.get(1).timestamp()).isEqualTo(Instant.parse("2024-05-01T16:00:00Z"));
    }

    @Test
    void unknownShapesAndInvalidUtf8AreDeadLetteredWithLineNumbers() throws Exception {
        byte[] good =
                "10.0.0.1 - r1 - bob [2024/05/01 12:00:00] h GET - \"/\" HTTP/1.1 \"\" 200 1 0.001\n"
                        .getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'b', 'o', (byte) 0xC3, (byte) 0x28, '\n'};
        String shapes =
                "GET / HTTP/1.1\n"
                        + "10.0.0.1 - r1 - bob [2024/05/01 12:00:00] [AuthMaybe] hmm\n"
                        + "10.0.0.1 - r1 - bob [2024/05/01 12:00:00] h GET - \"/\" HTTP/1.1 \"\" 2x0 1 0.001\n"
                        + "10.0.0.1 - r1 - bob [2024/05/01 12:00:00] h GET - \"/ HTTP/1.1\n"
                        + "[2024/05/01 12:00:00] no origin here\n";
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.write(good);
        all.write(bad);
        all.write(shapes.getBytes(StandardCharsets.UTF_8));
        all.write(good);
        List<Parsed> parsed = readAll(format, all.toByteArray());
        assertThat(parsed).hasSize(8);
        List<DeadLetter> dead = deadLetters(parsed);
        assertThat(dead).extracting(DeadLetter::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(dead.get(0).reason()).contains("Invalid UTF-8");
        assertThat(dead.get(0).position()).isEqualTo(good.length);
        assertThat(dead.get(1).reason()).contains("expected 'CLIENT - '");
        assertThat(dead.get(2).reason()).contains("[AuthMaybe]");
        assertThat(dead.get(3).reason()).contains("must be numbers");
        assertThat(dead.get(4).reason()).contains("expected 'HOST METHOD UPSTREAM");
        assertThat(dead.get(5).reason()).contains("[file.go:line]");
        assertThat(events(parsed)).hasSize(2);
    }
}
