package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.HttpEntity;
import org.apache.http.impl.io.HttpTransportMetricsImpl;
import org.apache.http.impl.nio.codecs.LengthDelimitedEncoder;
import org.apache.http.impl.nio.reactor.SessionOutputBufferImpl;
import org.apache.http.nio.entity.HttpAsyncContentProducer;
import org.junit.jupiter.api.Test;

class BulkBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachEntryIsAnActionLineWithIndexIdAndRevisionThenItsDocument() throws IOException {
        List<BulkEntry> entries =
                List.of(
                        entry("rt-runs-2024.05", "r1", "{\"a\":1}", 4L),
                        entry("rt-events-2024.05", "e\"1\\", "{\"m\":\"ü\"}", null));

        String[] lines =
                new String(BulkBody.of(entries).toByteArray(), StandardCharsets.UTF_8).split("\n");

        assertThat(lines).hasSize(4);
        JsonNode upsert = JSON.readTree(lines[0]).path("index");
        assertThat(upsert.path("_index").asText()).isEqualTo("rt-runs-2024.05");
        assertThat(upsert.path("_id").asText()).isEqualTo("r1");
        assertThat(upsert.path("version").asLong()).isEqualTo(4);
        assertThat(upsert.path("version_type").asText()).isEqualTo("external_gte");
        assertThat(lines[1]).isEqualTo("{\"a\":1}");
        JsonNode plain = JSON.readTree(lines[2]).path("index");
        assertThat(plain.path("_id").asText()).isEqualTo("e\"1\\");
        assertThat(plain.has("version")).isFalse();
        assertThat(plain.has("version_type")).isFalse();
        assertThat(lines[3]).isEqualTo("{\"m\":\"ü\"}");
    }

    @Test
    void aLargeBodyIsHeldInSegmentsOfAtMost64KBAndDocumentsAreNotLost() throws IOException {
        List<BulkEntry> entries = new ArrayList<>();
        ByteArrayOutputStream sources = new ByteArrayOutputStream();
        for (int i = 0; i < 2_000; i++) {
            String source = "{\"message\":\"" + "x".repeat(i % 900) + "\"}";
            entries.add(entry("rt-events-2024.05", "id-" + i, source, null));
            sources.writeBytes(source.getBytes(StandardCharsets.UTF_8));
        }
        // one document larger than a segment
        String large = "{\"message\":\"" + "y".repeat(100_000) + "\"}";
        entries.add(1_000, entry("rt-events-2024.05", "large", large, null));

        BulkBody body = BulkBody.of(entries);

        byte[] bytes = body.toByteArray();
        assertThat(bytes).hasSize((int) body.length());
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2 * entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(JSON.readTree(lines[2 * i]).path("index").path("_id").asText())
                    .isEqualTo(entries.get(i).id());
            assertThat(lines[2 * i + 1])
                    .isEqualTo(new String(entries.get(i).source(), StandardCharsets.UTF_8));
        }
        assertThat(body.segmentCount())
                .isBetween(
                        (int) (body.length() / BulkBody.SEGMENT_BYTES),
                        2 + (int) (body.length() / (BulkBody.SEGMENT_BYTES - 1_000)));
    }

    @Test
    void theEntityWritesWhatTheConnectionTakesAndStartsOverWhenClosed() throws IOException {
        List<BulkEntry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entries.add(entry("rt-events-2024.05", "id-" + i, "{\"n\":" + i + "}", null));
        }
        BulkBody body = BulkBody.of(entries);
        HttpEntity entity = body.entity();
        assertThat(entity.getContentLength()).isEqualTo(body.length());
        assertThat(entity.isRepeatable()).isTrue();
        assertThat(entity.getContentType().getValue()).startsWith("application/x-ndjson");

        // a connection that takes at most 1,000 bytes per write event
        for (int attempt = 0; attempt < 2; attempt++) {
            SlowChannel channel = new SlowChannel(1_000);
            SessionOutputBufferImpl buffer = new SessionOutputBufferImpl(64 * 1024);
            LengthDelimitedEncoder encoder =
                    new LengthDelimitedEncoder(
                            channel, buffer, new HttpTransportMetricsImpl(), body.length());
            int events = 0;
            while (!encoder.isCompleted()) {
                ((HttpAsyncContentProducer) entity).produceContent(encoder, null);
                channel.nextEvent();
                events++;
                assertThat(events).isLessThan(10_000);
            }
            assertThat(channel.written()).isEqualTo(body.toByteArray());
            ((HttpAsyncContentProducer) entity).close();
        }
        assertThat(entity.getContent().readAllBytes()).isEqualTo(body.toByteArray());

        org.elasticsearch.client.Request request = body.request();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getEndpoint()).isEqualTo("/_bulk");
        assertThat(request.getParameters())
                .containsEntry(
                        "filter_path", "took,errors,items.*._index,items.*.status,items.*.error");
        assertThat(request.getEntity().getContent().readAllBytes()).isEqualTo(body.toByteArray());
    }

    private static BulkEntry entry(String index, String id, String source, Long version) {
        return new BulkEntry(
                index, id, source.getBytes(StandardCharsets.UTF_8), version, "events", 0);
    }

    /** A channel that accepts a limited number of bytes until the next write event. */
    private static final class SlowChannel implements WritableByteChannel {
        private final int perEvent;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int left;

        SlowChannel(int perEvent) {
            this.perEvent = perEvent;
            this.left = perEvent;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(left, src.remaining());
            for (int i = 0; i < n; i++) {
                out.write(src.get());
            }
            left -= n;
            return n;
        }

        void nextEvent() {
            left = perEvent;
        }

        byte[] written() {
            return out.toByteArray();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
