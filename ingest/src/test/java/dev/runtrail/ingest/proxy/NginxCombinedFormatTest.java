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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden test on the nginx combined sample (values read by hand) plus fixtures. */
class NginxCombinedFormatTest {
    private final NginxCombinedFormat format = new NginxCombinedFormat();

    @Test
    void combinedSampleWithAndWithoutVhost() throws Exception {
        List<Parsed> all = readAll(format, sample("nginx_combined_elastic_test-access.log"));
        assertThat(all).hasSize(14);
        assertThat(deadLetters(all)).isEmpty();
        List<EcsDocument> ev = events(all);

        EcsDocument first = ev.get(0);
        assertThat(first.getString(Ecs.SOURCE_IP)).isEqualTo("67.43.156.13");
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2016-10-25T12:49:33Z"));
        assertThat(first.getString(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("GET");
        assertThat(first.getString(Ecs.URL_PATH)).isEqualTo("/");
        assertThat(first.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
        assertThat(first.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(612L);
        assertThat(first.has(ProxyFields.HTTP_REFERRER)).isFalse();
        assertThat(first.has(Ecs.USER_NAME)).isFalse();

        EcsDocument favicon = ev.get(1);
        assertThat(favicon.getString(ProxyFields.HTTP_REFERRER))
                .isEqualTo("http://localhost:8080/");
        assertThat(favicon.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(404L);
        assertThat(favicon.getString(Ecs.EVENT_OUTCOME)).isEqualTo("failure");

        // +0100 in December
        assertThat(ev.get(3).timestamp()).isEqualTo(Instant.parse("2016-12-07T09:34:43Z"));
        assertThat(ev.get(9).getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(304L);
        assertThat(ev.get(9).getString(Ecs.USER_AGENT_ORIGINAL)).contains("Firefox/49.0");

        EcsDocument vhost = ev.get(12);
        assertThat(vhost.getString(Ecs.URL_DOMAIN)).isEqualTo("lessons.example.com");
        assertThat(vhost.getString(Ecs.SOURCE_IP)).isEqualTo("192.168.0.1");
        assertThat(vhost.timestamp()).isEqualTo(Instant.parse("2020-06-09T19:10:39Z"));
        assertThat(vhost.getString(Ecs.URL_PATH))
                .isEqualTo("/A%20Beka%20G1%20Howe/029_AND_30/15%20reading%20elephants.mp4");
        assertThat(vhost.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(206L);
        assertThat(vhost.getLong(Ecs.HTTP_RESPONSE_BYTES)).isEqualTo(7648063L);
        assertThat(ev.get(13).timestamp()).isEqualTo(Instant.parse("2020-06-09T19:15:39Z"));
    }

    @Test
    void mainFormatForwardedForUserAndAirflowAction() throws Exception {
        String text =
                "10.1.2.3 - bob [01/May/2024:12:00:00 +0000] \"POST /airflow/dags/etl/trigger"
                        + " HTTP/1.1\" 302 0 \"-\" \"Mozilla/5.0\" \"203.0.113.9, 10.1.2.3\"\n"
                        + "10.1.2.3 - bob [01/May/2024:12:00:01 +0000] \"GET /airflow/dags/etl/trigger"
                        + " HTTP/1.1\" 200 900 \"-\" \"Mozilla/5.0\"\n"
                        + "10.1.2.3 - - [01/May/2024:12:00:02 +0000] \"\\x16\\x03\\x01\" 400 150 \"-\" \"-\"\n";
        List<EcsDocument> ev = events(readAll(format, text));
        assertThat(ev).hasSize(3);
        EcsDocument post = ev.get(0);
        assertThat(post.getString(Ecs.SOURCE_IP)).isEqualTo("203.0.113.9");
        assertThat(post.getString(ProxyFields.NETWORK_FORWARDED_IP)).isEqualTo("10.1.2.3");
        assertThat(post.getString(Ecs.USER_NAME)).isEqualTo("bob");
        assertThat(post.getString(Ecs.AIRFLOW_ACTION)).isEqualTo("trigger");
        assertThat(post.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("etl");
        assertThat(ev.get(1).has(Ecs.AIRFLOW_ACTION)).isFalse();
        assertThat(ev.get(1).getString(Ecs.SOURCE_IP)).isEqualTo("10.1.2.3");
        EcsDocument junk = ev.get(2);
        assertThat(junk.has(Ecs.HTTP_REQUEST_METHOD)).isFalse();
        assertThat(junk.getString(Ecs.URL_ORIGINAL)).isEqualTo("\u0016\u0003\u0001");
        assertThat(junk.get(Ecs.TAGS)).isEqualTo(List.of("invalid_request_line"));
    }

    @Test
    void unknownShapeBadTimeAndInvalidUtf8AreDeadLetters() throws Exception {
        byte[] bad =
                "10.0.0.1 - - [01/May/2024:12:00:00 +0000] \"GET /\u00e9 HTTP/1.1\" 200 1 \"-\" \"-\"\n"
                        .getBytes(StandardCharsets.UTF_8);
        // corrupt the two-byte é into an invalid sequence
        int at = new String(bad, StandardCharsets.ISO_8859_1).indexOf('\u00c3');
        bad[at + 1] = (byte) 0x28;
        String good =
                "10.0.0.1 - - [01/May/2024:12:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n";
        String text =
                good
                        + "hello world\n"
                        + "10.0.0.1 - - [2024-05-01 12:00:00] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n"
                        + "10.0.0.1 - - [01/May/2024:12:00:00 +0000] \"GET / HTTP/1.1\" 2xx 1 \"-\" \"-\"\n";
        byte[] head = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bad.length + good.length()];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(
                good.getBytes(StandardCharsets.UTF_8),
                0,
                all,
                head.length + bad.length,
                good.length());
        List<Parsed> parsed = readAll(format, all);
        assertThat(parsed).hasSize(6);
        List<DeadLetter> dead = deadLetters(parsed);
        assertThat(dead).extracting(DeadLetter::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(dead.get(0).reason()).contains("expected '[VHOST ]REMOTE - USER [TIME]'");
        assertThat(dead.get(1).reason()).contains("is not 'dd/MMM/yyyy:HH:mm:ss Z'");
        assertThat(dead.get(2).reason()).contains("must be numbers");
        assertThat(dead.get(3).reason()).contains("Invalid UTF-8");
        assertThat(dead.get(3).position()).isEqualTo(head.length);
        assertThat(events(parsed)).hasSize(2);
    }

    @Test
    void overLongLineIsOneDeadLetterAndTheNextLineParses() throws Exception {
        String good =
                "10.0.0.1 - - [01/May/2024:12:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n";
        String huge =
                "10.0.0.1 - - [01/May/2024:12:00:00 +0000] \"GET /"
                        + "a".repeat(3 << 20)
                        + " HTTP/1.1\" 200 1 \"-\" \"-\"\n";
        List<Parsed> all = readAll(format, good + huge + good);
        assertThat(all).hasSize(3);
        DeadLetter d = (DeadLetter) all.get(1);
        assertThat(d.line()).isEqualTo(2);
        assertThat(d.position()).isEqualTo(good.length());
        assertThat(d.rawLength()).isEqualTo(huge.length() - 1);
        assertThat(d.reason()).contains("over the limit");
        assertThat(events(all)).hasSize(2);
    }
}
