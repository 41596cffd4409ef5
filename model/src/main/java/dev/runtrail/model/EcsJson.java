package dev.runtrail.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes documents as JSON. Dotted keys are written as nested objects (ECS style);
 * reading flattens nested objects back into dotted keys.
 */
public final class EcsJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private EcsJson() {}

    /** The document's fields as one nested JSON object. */
    public static String toJson(EcsDocument doc) {
        return new String(toJsonBytes(doc), StandardCharsets.UTF_8);
    }

    /** The document's fields as UTF-8 JSON bytes. */
    public static byte[] toJsonBytes(EcsDocument doc) {
        return Output.write(doc, false).toByteArray();
    }

    /**
     * One NDJSON line shaped like an Elasticsearch search hit: {@code {"_id":..,"_source":{..}}},
     * without the trailing newline.
     */
    public static String toHitLine(EcsDocument doc) {
        return new String(toHitLineBytes(doc), StandardCharsets.UTF_8);
    }

    /** {@link #toHitLine} as UTF-8 bytes, without the detour through a String. */
    public static byte[] toHitLineBytes(EcsDocument doc) {
        return Output.write(doc, true).toByteArray();
    }

    /**
     * A buffer kept per thread: sinks turn every document into bytes. Emptied before each document;
     * one grown beyond {@link #MAX_KEPT} by a large document is not kept.
     */
    private static final class Output {
        private static final ThreadLocal<JsonBytes> PER_THREAD =
                ThreadLocal.withInitial(() -> new JsonBytes(4096));

        private static final int MAX_KEPT = 1 << 20;

        private static final byte[] ID = "{\"_id\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] SOURCE = ",\"_source\":".getBytes(StandardCharsets.US_ASCII);

        /** The document's JSON in this thread's buffer (valid until the thread's next call). */
        static JsonBytes write(EcsDocument doc, boolean hit) {
            JsonBytes out = PER_THREAD.get();
            out.reset();
            boolean written = false;
            try {
                if (hit) {
                    out.raw(ID);
                    if (doc.id() == null) {
                        out.nullValue();
                    } else {
                        out.string(doc.id());
                    }
                    out.raw(SOURCE);
                    NestedSource.write(out, doc);
                    out.raw((byte) '}');
                } else {
                    NestedSource.write(out, doc);
                }
                written = true;
            } finally {
                if (!written || out.buffer().length > MAX_KEPT) {
                    PER_THREAD.remove();
                }
            }
            return out;
        }
    }

    /** Writes the hit line of the document and a newline to the stream. */
    public static void writeHitLine(OutputStream out, EcsDocument doc) throws IOException {
        JsonBytes line = Output.write(doc, true);
        line.raw((byte) '\n');
        out.write(line.buffer(), 0, line.size());
    }

    /** Parses a hit line back into a document of the given kind. */
    public static EcsDocument fromHitLine(Kind kind, String line) {
        try (JsonParser parser = FACTORY.createParser(line)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, line);
            String id = null;
            EcsDocument doc = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if ("_id".equals(name)) {
                    id = parser.getValueAsString();
                } else if ("_source".equals(name)) {
                    doc = new EcsDocument(kind, null);
                    readObject(parser, "", doc);
                } else {
                    parser.skipChildren();
                }
            }
            if (doc == null) {
                throw new IllegalArgumentException("Expected a _source object in: " + line);
            }
            return doc.id(id);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON hit line: " + e.getMessage(), e);
        }
    }

    /** Parses a JSON object (a {@code _source}) into a document, flattening nested keys. */
    public static EcsDocument fromSource(Kind kind, String id, String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, json);
            EcsDocument doc = new EcsDocument(kind, id);
            readObject(parser, "", doc);
            return doc;
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON object: " + e.getMessage(), e);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, String text) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    "Expected " + expected + " but found " + actual + " in: " + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static void readObject(JsonParser parser, String prefix, EcsDocument doc)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                readObject(parser, key + ".", doc);
            } else if (token == JsonToken.START_ARRAY) {
                List<Object> values = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken().isStructStart()) {
                        values.add(readTree(parser));
                    } else {
                        values.add(scalar(parser));
                    }
                }
                doc.put(key, values);
            } else {
                doc.put(key, scalar(parser));
            }
        }
    }

    /** Objects inside arrays are kept as their JSON text; ECS documents rarely have them. */
    private static String readTree(JsonParser parser) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.copyCurrentStructure(parser);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Object scalar(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> parser.getText();
        };
    }
}
