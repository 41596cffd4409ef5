package dev.runtrail.ingest.windows.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;

/** Small helpers shared by the JSON-lines Windows formats. */
final class JsonLines {
    /**
     * One parser is created per line, so its buffers must be recycled: a per-thread pool hands the
     * same buffers to every line of a reader's thread.
     */
    static final JsonFactory FACTORY =
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build();

    private JsonLines() {}

    /** Reads one field of an object; the parser stands on the field's value. */
    @FunctionalInterface
    interface FieldReader {
        void read(String name) throws IOException;
    }

    /**
     * Hands each field of the object the parser stands on to {@code reader}; a value that is not an
     * object is skipped whole.
     */
    static void fields(JsonParser p, FieldReader reader) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            reader.read(name);
        }
    }

    /** Whether nothing but whitespace follows the value just read. */
    static boolean atEnd(JsonParser p) throws IOException {
        try {
            return p.nextToken() == null;
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            return false;
        }
    }

    /**
     * The current value as text: scalars as written (numbers in their JSON form), arrays of scalars
     * joined with {@code separator}, null for JSON null and nested objects (skipped).
     */
    static String text(JsonParser p, String separator) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            StringBuilder sb = new StringBuilder();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                if (t != JsonToken.VALUE_NULL) {
                    if (sb.length() > 0) {
                        sb.append(separator);
                    }
                    sb.append(p.getText());
                }
            }
            return sb.toString();
        }
        if (t == JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }
}
