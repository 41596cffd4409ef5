package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.transport.http.TransportHttpClient.Request;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoalescingHttpClientTest {
    @Test
    void aBulkBodyOfManySmallPartsLeavesInFewBuffersWithTheSameBytes() {
        List<ByteBuffer> parts = new ArrayList<>();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 3_000; i++) {
            // the shapes the Java API client gives a bulk body: action, newline, source, newline
            for (String part :
                    List.of(
                            "{\"index\":{\"_index\":\"runtrail-events-2026.12\",\"_id\":\""
                                    + i
                                    + "\"}}",
                            "\n",
                            "{\"message\":\"" + "x".repeat(i % 700) + "\"}",
                            "\n")) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                parts.add(ByteBuffer.wrap(bytes));
                expected.writeBytes(bytes);
            }
        }

        Request packed = CoalescingHttpClient.coalesced(request(parts));

        List<ByteBuffer> buffers = list(packed.body());
        assertThat(concatenated(buffers)).isEqualTo(expected.toByteArray());
        assertThat(buffers)
                .allSatisfy(b -> assertThat(b.remaining()).isLessThanOrEqualTo(64 * 1024));
        // packed full: all but the last buffer hold at least 64 KB minus one part (under 1 KB)
        assertThat(buffers.subList(0, buffers.size() - 1))
                .allSatisfy(b -> assertThat(b.remaining()).isGreaterThan(63 * 1024));
        assertThat(buffers.size()).isLessThan(expected.size() / (63 * 1024) + 2);
        assertThat(packed.method()).isEqualTo("POST");
        assertThat(packed.path()).isEqualTo("/_bulk");
        assertThat(packed.queryParams()).containsEntry("refresh", "false");
        assertThat(packed.headers()).containsEntry("Content-Type", "application/x-ndjson");
        // what was read stays readable: a retried request sends its body again
        assertThat(concatenated(list(CoalescingHttpClient.coalesced(request(parts)).body())))
                .isEqualTo(expected.toByteArray());
    }

    @Test
    void aPartLargerThanABufferIsPassedOnAsItIsBetweenPackedNeighbours() {
        ByteBuffer small = ByteBuffer.wrap("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
        ByteBuffer large = ByteBuffer.wrap(new byte[200_000]);
        ByteBuffer after = ByteBuffer.wrap("\n".getBytes(StandardCharsets.UTF_8));
        ByteBuffer last = ByteBuffer.wrap("{\"b\":2}\n".getBytes(StandardCharsets.UTF_8));

        List<ByteBuffer> buffers =
                list(
                        CoalescingHttpClient.coalesced(request(List.of(small, large, after, last)))
                                .body());

        assertThat(buffers).hasSize(3);
        assertThat(buffers.get(0)).isSameAs(small);
        assertThat(buffers.get(1)).isSameAs(large);
        assertThat(new String(concatenated(List.of(buffers.get(2))), StandardCharsets.UTF_8))
                .isEqualTo("\n{\"b\":2}\n");
    }

    @Test
    void aRequestWithOneBufferOrNoBodyIsLeftAsItIs() {
        Request one = request(List.of(ByteBuffer.wrap(new byte[] {'{', '}'})));
        Request none = request(null);

        assertThat(CoalescingHttpClient.coalesced(one)).isSameAs(one);
        assertThat(CoalescingHttpClient.coalesced(none)).isSameAs(none);
    }

    private static Request request(List<ByteBuffer> body) {
        return new Request(
                "POST",
                "/_bulk",
                Map.of("refresh", "false"),
                Map.of("Content-Type", "application/x-ndjson"),
                body);
    }

    private static List<ByteBuffer> list(Iterable<ByteBuffer> body) {
        List<ByteBuffer> out = new ArrayList<>();
        body.forEach(out::add);
        return out;
    }

    private static byte[] concatenated(List<ByteBuffer> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : buffers) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
