package dev.runtrail.sinks.elasticsearch;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.http.HttpEntity;
import org.apache.http.entity.AbstractHttpEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.ContentEncoder;
import org.apache.http.nio.IOControl;
import org.apache.http.nio.entity.HttpAsyncContentProducer;
import org.elasticsearch.client.Request;

/**
 * The NDJSON body of one bulk request (an action line and the document for each entry), written in
 * segments of up to {@value #SEGMENT_BYTES} bytes and sent as they are.
 *
 * <p>The Java API client hands a bulk body to the HTTP client as four buffers per document (action,
 * newline, document, newline), and the REST client's entity writes one buffer per write event: each
 * became an HTTP chunk and a {@code write()} of its own, about three system calls per document
 * (elastic/elasticsearch-java#1339). Segments go out in writes as large as the connection's buffer.
 * They are not one array for the whole body: a bulk request of a few megabytes would be one
 * humongous object for G1 per request.
 */
public final class BulkBody {
    static final int SEGMENT_BYTES = 64 * 1024;

    private static final byte[] INDEX = ascii("{\"index\":{\"_index\":\"");
    private static final byte[] ID = ascii("\",\"_id\":\"");
    private static final byte[] VERSION = ascii("\",\"version\":");
    private static final byte[] EXTERNAL_GTE = ascii(",\"version_type\":\"external_gte\"}}\n");
    private static final byte[] END = ascii("\"}}\n");
    private static final byte[] NEWLINE = {'\n'};

    /**
     * What the answer to a bulk request keeps of each item: its status and error, which {@link
     * BulkResponseInspector} reads, and its index, which the client's deserializer requires. The
     * version, sequence number, result and shard counts of every stored document are left out.
     * Public for clients that post bodies themselves ({@code bench es-alone}).
     */
    public static final String RESPONSE_FIELDS =
            "took,errors,items.*._index,items.*.status,items.*.error";

    private final List<ByteBuffer> segments;
    private final long length;

    private BulkBody(List<ByteBuffer> segments, long length) {
        this.segments = segments;
        this.length = length;
    }

    /** The body that indexes {@code entries} in this order (the response's items follow it). */
    public static BulkBody of(List<BulkEntry> entries) {
        Segments out = new Segments();
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        for (BulkEntry entry : entries) {
            out.write(INDEX);
            out.write(json.quoteAsUTF8(entry.index()));
            out.write(ID);
            out.write(json.quoteAsUTF8(entry.id()));
            if (entry.version() != null) {
                out.write(VERSION);
                out.write(ascii(Long.toString(entry.version())));
                out.write(EXTERNAL_GTE);
            } else {
                out.write(END);
            }
            out.write(entry.source());
            out.write(NEWLINE);
        }
        return new BulkBody(out.finish(), out.total);
    }

    /**
     * The {@code POST /_bulk} request that sends this body, its answer filtered to {@link
     * #RESPONSE_FIELDS} (read it with {@link BulkResponseInspector#parse}).
     */
    public Request request() {
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", RESPONSE_FIELDS);
        request.setEntity(entity());
        return request;
    }

    long length() {
        return length;
    }

    /** The body's bytes in one array (for clients that send arrays). */
    public byte[] toByteArray() {
        byte[] all = new byte[Math.toIntExact(length)];
        int at = 0;
        for (ByteBuffer segment : segments) {
            ByteBuffer copy = segment.duplicate();
            int n = copy.remaining();
            copy.get(all, at, n);
            at += n;
        }
        return all;
    }

    int segmentCount() {
        return segments.size();
    }

    /** An entity the asynchronous HTTP client writes straight from the segments. */
    public HttpEntity entity() {
        return new Entity();
    }

    /**
     * Writes as much of the body as the connection takes on each write event. Repeatable: closing
     * it (the client does between tries) starts it over.
     */
    final class Entity extends AbstractHttpEntity implements HttpAsyncContentProducer {
        private int next;
        private ByteBuffer current;

        Entity() {
            setContentType(ContentType.create("application/x-ndjson").toString());
        }

        @Override
        public void produceContent(ContentEncoder encoder, IOControl control) throws IOException {
            while (true) {
                if (current == null || !current.hasRemaining()) {
                    if (next == segments.size()) {
                        encoder.complete();
                        return;
                    }
                    current = segments.get(next++).duplicate();
                }
                encoder.write(current);
                if (current.hasRemaining()) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            next = 0;
            current = null;
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public long getContentLength() {
            return length;
        }

        @Override
        public InputStream getContent() {
            List<InputStream> parts = new ArrayList<>(segments.size());
            for (ByteBuffer segment : segments) {
                parts.add(
                        new ByteArrayInputStream(
                                segment.array(),
                                segment.arrayOffset() + segment.position(),
                                segment.remaining()));
            }
            return new SequenceInputStream(Collections.enumeration(parts));
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (ByteBuffer segment : segments) {
                out.write(
                        segment.array(),
                        segment.arrayOffset() + segment.position(),
                        segment.remaining());
            }
        }

        @Override
        public boolean isStreaming() {
            return false;
        }
    }

    /** Fills segments of {@link #SEGMENT_BYTES}; a document larger than that is one of its own. */
    private static final class Segments {
        private final List<ByteBuffer> done = new ArrayList<>();
        private byte[] buffer; // the segment being filled; allocated when something goes in it
        private int used;
        private long total;

        void write(byte[] bytes) {
            total += bytes.length;
            if (buffer != null && used + bytes.length <= buffer.length) {
                System.arraycopy(bytes, 0, buffer, used, bytes.length);
                used += bytes.length;
                return;
            }
            seal();
            if (bytes.length >= SEGMENT_BYTES) {
                done.add(ByteBuffer.wrap(bytes));
                return;
            }
            buffer = new byte[SEGMENT_BYTES];
            System.arraycopy(bytes, 0, buffer, 0, bytes.length);
            used = bytes.length;
        }

        private void seal() {
            if (used > 0) {
                done.add(ByteBuffer.wrap(buffer, 0, used));
            }
            buffer = null;
            used = 0;
        }

        List<ByteBuffer> finish() {
            seal();
            return done;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
