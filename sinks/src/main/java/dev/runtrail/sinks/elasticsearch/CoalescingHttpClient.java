package dev.runtrail.sinks.elasticsearch;

import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands a request body to the HTTP client as one buffer. The Java API client serializes a bulk
 * request as four buffers per operation (action line, newline, document, newline), and the REST
 * client's entity writes one buffer per write event: each became an HTTP chunk and a {@code
 * write()} of its own, about four system calls per document. Copied into one buffer, the body goes
 * out in writes as large as the connection's buffer (elastic/elasticsearch-java#1339).
 */
final class CoalescingHttpClient implements TransportHttpClient {
    private final TransportHttpClient delegate;

    CoalescingHttpClient(TransportHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public TransportOptions createOptions(TransportOptions options) {
        return delegate.createOptions(options);
    }

    @Override
    public Response performRequest(
            String endpointId, Node node, Request request, TransportOptions options)
            throws IOException {
        return delegate.performRequest(endpointId, node, coalesced(request), options);
    }

    @Override
    public CompletableFuture<Response> performRequestAsync(
            String endpointId, Node node, Request request, TransportOptions options) {
        return delegate.performRequestAsync(endpointId, node, coalesced(request), options);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /**
     * The request with its body packed into buffers of up to {@value #SEGMENT_BYTES} bytes (a part
     * larger than that stays as it is). Not one buffer for the whole body: a bulk request of a few
     * megabytes would be a humongous object for G1, one per request.
     */
    static Request coalesced(Request request) {
        Iterable<ByteBuffer> body = request.body();
        if (body == null) {
            return request;
        }
        List<ByteBuffer> packed = new ArrayList<>();
        List<ByteBuffer> pending = new ArrayList<>();
        int pendingBytes = 0;
        int parts = 0;
        for (ByteBuffer part : body) {
            parts++;
            int size = part.remaining();
            if (pendingBytes + size > SEGMENT_BYTES) {
                flush(pending, pendingBytes, packed);
                pending.clear();
                pendingBytes = 0;
            }
            if (size >= SEGMENT_BYTES) {
                packed.add(part);
            } else {
                pending.add(part);
                pendingBytes += size;
            }
        }
        flush(pending, pendingBytes, packed);
        if (packed.size() == parts) {
            return request;
        }
        return new Request(
                request.method(), request.path(), request.queryParams(), request.headers(), packed);
    }

    private static void flush(List<ByteBuffer> pending, int bytes, List<ByteBuffer> packed) {
        if (pending.size() == 1) {
            packed.add(pending.get(0));
        } else if (!pending.isEmpty()) {
            ByteBuffer segment = ByteBuffer.allocate(bytes);
            for (ByteBuffer part : pending) {
                segment.put(part.duplicate());
            }
            packed.add(segment.flip());
        }
    }

    /** The size of the buffers a body is packed into. */
    static final int SEGMENT_BYTES = 64 * 1024;
}
