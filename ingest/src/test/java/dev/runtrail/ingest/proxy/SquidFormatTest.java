package dev.runtrail.ingest.proxy;

import static dev.runtrail.ingest.proxy.ProxySamples.deadLetters;
import static dev.runtrail.ingest.proxy.ProxySamples.events;
import static dev.runtrail.ingest.proxy.ProxySamples.readAll;
import static dev.runtrail.ingest.proxy.ProxySamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden test on the Squid native sample (values read from the file by hand) plus bad lines. */
class SquidFormatTest {
    private final SquidFormat format = new SquidFormat();

    @Test
    void nativeSample() throws Exception {
        List<Parsed> all = readAll(format, sample("squid_access_native_elastic_test-access.log"));
        assertThat(all).hasSize(26);
        assertThat(deadLetters(all)).isEmpty();
        List<EcsDocument> ev = events(all);

        EcsDocument connect = ev.get(0);
        assertThat(connect.timestamp()).isEqualTo(Instant.parse("2006-09-08T04:21:52.049Z"));
        assertThat(connect.getLong(Ecs.EVENT_DURATION)).isEqualTo(5006L * 1_000_000L);
        assertThat(connect.getString(Ecs.SOURCE_IP)).isEqualTo("10.105.21.199");
        assertThat(connect.getString(SquidFormat.RESULT_CODE)).isEqualTo("TCP_MISS");
        assertThat(connect.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
        assertThat(connect.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(19763L);
        assertThat(connect.getString(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("CONNECT");
        assertThat(connect.getString(Ecs.URL_DOMAIN)).isEqualTo("login.yahoo.com");
        assertThat(connect.has(Ecs.URL_PATH)).isFalse();
        assertThat(connect.getString(Ecs.USER_NAME)).isEqualTo("badeyek");
        assertThat(connect.has(Ecs.USER_EMAIL)).isFalse();
        assertThat(connect.getString(SquidFormat.HIERARCHY_CODE)).isEqualTo("DIRECT");
        assertThat(connect.getString(Ecs.DESTINATION_IP)).isEqualTo("175.16.199.115");

        EcsDocument hit = ev.get(3); // several spaces before the elapsed column
        assertThat(hit.getLong(Ecs.EVENT_DURATION)).isEqualTo(1_000_000L);
        assertThat(hit.getString(Ecs.URL_PATH)).isEqualTo("/styles.css");
        assertThat(hit.getString(Ecs.URL_DOMAIN)).isEqualTo("www.goonernews.com");
        assertThat(hit.has(Ecs.DESTINATION_IP)).isFalse();
        assertThat(hit.getString("http.response.mime_type")).isEqualTo("text/css");

        EcsDocument denied = ev.get(21);
        assertThat(denied.timestamp()).isEqualTo(Instant.parse("2006-09-08T04:22:17.481Z"));
        assertThat(denied.getString(Ecs.SOURCE_IP)).isEqualTo("10.105.47.218");
        assertThat(denied.getString(SquidFormat.RESULT_CODE)).isEqualTo("TCP_DENIED");
        assertThat(denied.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(407L);
        assertThat(denied.getString(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(denied.has(Ecs.USER_NAME)).isFalse();

        EcsDocument post = ev.get(24);
        assertThat(post.getString(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("POST");
        assertThat(post.getString(Ecs.USER_NAME)).isEqualTo("adeolaegbedokun");
        assertThat(post.getString(Ecs.URL_PATH)).isEqualTo("/notify/");
        assertThat(ev.get(25).getString(Ecs.USER_NAME)).isEqualTo("nazsoau");
    }

    @Test
    void badLinesAreDeadLetteredAndReadingGoesOn() throws Exception {
        String text =
                "1157689312.049   5006 10.0.0.1 TCP_MISS/200 19 GET http://a/ bob DIRECT/1.2.3.4 -\n"
                        + "not a squid line\n"
                        + "yesterday 5 10.0.0.1 TCP_MISS/200 19 GET http://a/ bob DIRECT/1.2.3.4 -\n"
                        + "1157689312.049 5 10.0.0.1 TCP_MISS/200 19 GET http://a/ bob DIRECT/1.2.3.4 - extra\n"
                        + "1157689313.000 7 10.0.0.2 TCP_MISS/200 19 GET http://a/b alice DIRECT/1.2.3.4 -\n"
                        + "1157689314.000 7 10.0.0.2 TCP_MISS/200 19 GET http://a/c CORP%5Csvc_etl DIRECT/1.2.3.4 -\n"
                        // a damaged time beyond what an Instant holds
                        + "9157689314000000000.000 7 10.0.0.2 TCP_MISS/200 19 GET http://a/ bob DIRECT/1.2.3.4 -\n";
        List<Parsed> all = readAll(format, text);
        assertThat(all).hasSize(7);
        List<DeadLetter> dead = deadLetters(all);
        assertThat(dead).extracting(DeadLetter::line).containsExactly(2L, 3L, 4L, 7L);
        assertThat(dead.get(0).reason()).contains("expected 10 space-separated columns");
        assertThat(dead.get(1).reason()).contains("time 'yesterday'");
        assertThat(dead.get(3).reason())
                .contains("time '9157689314000000000.000' must be epoch seconds");
        assertThat(events(all))
                .extracting(e -> e.getString(Ecs.USER_NAME))
                .containsExactly("bob", "alice", "CORP\\svc_etl");
    }
}
