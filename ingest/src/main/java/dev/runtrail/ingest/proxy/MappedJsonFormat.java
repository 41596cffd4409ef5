package dev.runtrail.ingest.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Head;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordBoundary;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.text.LineParser;
import dev.runtrail.ingest.text.LineRecordReader;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * JSON-lines access logs read through a {@link JsonMapping}. As {@code proxy-json-mapped} it takes
 * the mapping from its constructor or, when created by the format registry, from the system
 * property {@value #MAPPING_PROPERTY} (a built-in mapping name or a mapping file path). Subclasses
 * bind a built-in mapping to a format name of its own ({@code envoy-json}, {@code nginx-json}).
 *
 * <p>Every line must be one JSON object; a line that does not parse, or that is not an object, or
 * that lacks a required target, is a dead letter.
 */
public class MappedJsonFormat implements Format {
    /** Format name of the configurable instance. */
    public static final String NAME = "proxy-json-mapped";

    /** System property naming the mapping of the registry's instance. */
    public static final String MAPPING_PROPERTY = "runtrail.proxy.mapping";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final JsonMapping configured;

    /** The mapping read for a value of the system property, so it is parsed once per value. */
    private record FromProperty(String value, JsonMapping mapping) {}

    private volatile FromProperty fromProperty;

    /** The registry's instance: the mapping comes from {@value #MAPPING_PROPERTY} when opened. */
    public MappedJsonFormat() {
        this(NAME, null);
    }

    /** A {@code proxy-json-mapped} format with this mapping. */
    public MappedJsonFormat(JsonMapping mapping) {
        this(NAME, Objects.requireNonNull(mapping, "mapping"));
    }

    protected MappedJsonFormat(String name, JsonMapping mapping) {
        this.name = name;
        this.configured = mapping;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String dataset() {
        JsonMapping m = mappingOrNull();
        return m == null ? "proxy.mapped" : m.dataset();
    }

    /** The mapping in use. */
    public JsonMapping mapping() {
        JsonMapping m = mappingOrNull();
        if (m == null) {
            throw new IllegalStateException(
                    "The "
                            + NAME
                            + " format needs a mapping: set -D"
                            + MAPPING_PROPERTY
                            + "=<name or file> (built-in: "
                            + JsonMapping.BUILT_IN
                            + ") or construct it with one.");
        }
        return m;
    }

    private JsonMapping mappingOrNull() {
        if (configured != null) {
            return configured;
        }
        String property = System.getProperty(MAPPING_PROPERTY);
        if (property == null || property.isBlank()) {
            return null;
        }
        FromProperty cached = fromProperty;
        if (cached != null && cached.value().equals(property)) {
            return cached.mapping();
        }
        try {
            JsonMapping mapping = JsonMapping.byNameOrPath(property);
            fromProperty = new FromProperty(property, mapping);
            return mapping;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the JSON mapping named by " + MAPPING_PROPERTY + ": " + property,
                    e);
        }
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        JsonMapping m = configured != null ? configured : null;
        if (m == null) {
            // the configurable instance only claims files when explicitly configured
            try {
                m = mappingOrNull();
            } catch (RuntimeException e) {
                return 0;
            }
            if (m == null) {
                return 0;
            }
        }
        if (head.length > 0 && !mayStartObject(head[0])) {
            return 0;
        }
        // UTF-8 decodes the byte 0x0A to '\n' and makes no '\n' of other bytes, so decoding the
        // bytes before the first 0x0A gives the first line
        int nl = 0;
        while (nl < head.length && head[nl] != '\n') {
            nl++;
        }
        String first = new String(head, 0, nl, StandardCharsets.UTF_8).strip();
        if (!first.startsWith("{")) {
            return 0;
        }
        try {
            JsonNode node = JSON.readTree(first);
            return node != null && node.isObject() && m.looksLike(node) ? 80 : 0;
        } catch (JsonProcessingException e) {
            return 0;
        }
    }

    /**
     * Whether a line starting with this byte can be a JSON object once stripped: an ASCII byte that
     * is neither white space nor a control character must be the brace itself.
     */
    private static boolean mayStartObject(byte first) {
        int b = first & 0xff;
        return b <= ' ' || b >= 0x7f || b == '{';
    }

    /** It claims a file with 80 or not at all. */
    @Override
    public int maxSniff(Head head) {
        return 80;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        JsonMapping m = mapping();
        return new LineRecordReader(input, new Parser(input.ref(), name, m), name, m.dataset());
    }

    /** One record per line, so a large file can be read in parallel ranges. */
    @Override
    public RecordBoundary boundary(byte[] head) {
        return RecordBoundary.LINE;
    }

    /** Parses one JSON line through the mapping. */
    static final class Parser implements LineParser {
        private final SourceRef source;
        private final String format;
        private final JsonMapping mapping;

        Parser(SourceRef source, String format, JsonMapping mapping) {
            this.source = source;
            this.format = format;
            this.mapping = mapping;
        }

        /** One record per line: no look at the next line, and the parse keeps no line bytes. */
        @Override
        public final boolean oneLinePerRecord() {
            return true;
        }

        @Override
        public Parsed parse(String text, Line record) {
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return dead(
                        record,
                        "invalid JSON ("
                                + e.getOriginalMessage()
                                + " at column "
                                + e.getLocation().getColumnNr()
                                + "); expected one JSON object per line.");
            }
            if (node == null || !node.isObject()) {
                return dead(
                        record,
                        "expected one JSON object per line, found a JSON "
                                + (node == null
                                        ? "nothing"
                                        : node.getNodeType()
                                                .toString()
                                                .toLowerCase(java.util.Locale.ROOT))
                                + ".");
            }
            EcsDocument doc = EcsDocument.event(null);
            ProxyFields.classify(doc);
            String problem = mapping.apply(node, doc);
            return problem == null ? doc : dead(record, problem);
        }

        private DeadLetter dead(Line record, String reason) {
            return DeadLetter.of(
                    source,
                    record.offset(),
                    record.number(),
                    format,
                    "Line " + record.number() + ": " + reason,
                    record.bytes());
        }
    }
}
