package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text kept in {@code event.original} for a connection read from JSON or YAML: the raw record
 * with each secret value cut out and replaced by {@link ConnectionSecrets#MASK}, everything else
 * byte for byte as received ({@code event.hash} still covers the unmasked bytes).
 *
 * <p>How: the record is parsed once more with a streaming parser that reports where each value
 * starts and ends; the spans of the connection's sensitive fields ({@code password}, any field
 * named like a secret) are replaced by the quoted mask, and an {@code extra} holding a sensitive
 * key is replaced by its masked JSON, quoted the way the input quotes strings (an {@code extra}
 * that is not JSON is masked whole). The result is parsed again: if a secret is still found (an
 * offset that did not line up, say), the original is instead the masked record re-serialised as
 * JSON, so a secret never survives either way.
 */
final class ConnectionOriginal {
    private static final JsonFactory JSON = JsonFields.MAPPER.getFactory();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConnectionOriginal() {}

    private record Span(int start, int end, String replacement) {}

    /**
     * @param raw UTF-8 bytes of the record
     * @param valueOffset where the connection object starts in {@code raw} (after the {@code
     *     "conn_id":} key of an export entry, 0 for an API list element)
     */
    static String maskJson(byte[] raw, int valueOffset) {
        byte[] value = Arrays.copyOfRange(raw, valueOffset, raw.length);
        try {
            List<Span> spans = spans(JSON.createParser(value), 1, null);
            if (spans.isEmpty()) {
                return new String(raw, StandardCharsets.UTF_8);
            }
            byte[] masked = spliceBytes(value, spans);
            if (spans(JSON.createParser(masked), 1, null).isEmpty()) {
                return new String(raw, 0, valueOffset, StandardCharsets.UTF_8)
                        + new String(masked, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the re-serialised form
        }
        return new String(raw, 0, valueOffset, StandardCharsets.UTF_8) + reserialised(value, false);
    }

    /**
     * @param entry one top-level entry of a YAML export ({@code conn_id:} and its fields)
     */
    static String maskYaml(String entry) {
        try {
            List<Span> spans = spans(YAML.createParser(entry), 2, entry);
            if (spans.isEmpty()) {
                return entry;
            }
            String masked = spliceChars(entry, spans);
            if (spans(YAML.createParser(masked), 2, masked).isEmpty()) {
                return masked;
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the re-serialised form
        }
        return reserialised(entry.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * Spans of the secret values of the connection objects at {@code depth} (1: the root object is
     * the connection; 2: the root maps ids to connections).
     *
     * @param yamlText the text a YAML parser reads (offsets are then chars), null for JSON bytes
     */
    private static List<Span> spans(JsonParser p, int depth, String yamlText) throws IOException {
        boolean yaml = yamlText != null;
        List<Span> spans = new ArrayList<>();
        try (p) {
            int level = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    level++;
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    level--;
                    continue;
                }
                if (t != JsonToken.FIELD_NAME || level != depth) {
                    continue;
                }
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int start = offset(p.currentTokenLocation(), yamlText);
                if (name.equals("extra")) {
                    extraSpan(p, v, start, yamlText, spans);
                } else if (ConnectionSecrets.isSensitive(name)) {
                    if (v.isScalarValue()) {
                        String text = p.getText();
                        if (v != JsonToken.VALUE_NULL
                                && !text.isEmpty()
                                && !text.equals(ConnectionSecrets.MASK)) {
                            spans.add(
                                    new Span(
                                            start,
                                            offset(p.currentLocation(), yamlText),
                                            quote(ConnectionSecrets.MASK, yaml)));
                        }
                    } else {
                        p.skipChildren();
                        spans.add(
                                new Span(
                                        start,
                                        offset(p.currentLocation(), yamlText),
                                        quote(ConnectionSecrets.MASK, yaml)));
                    }
                } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
        }
        return spans;
    }

    private static void extraSpan(
            JsonParser p, JsonToken v, int start, String yamlText, List<Span> spans)
            throws IOException {
        boolean yaml = yamlText != null;
        if (v == JsonToken.VALUE_STRING) {
            String text = p.getText();
            int end = offset(p.currentLocation(), yamlText);
            if (text.isBlank()) {
                return;
            }
            ConnectionSecrets.MaskedExtra masked = ConnectionSecrets.maskExtraText(text);
            if (masked == null) {
                if (!text.equals(ConnectionSecrets.MASK)) {
                    spans.add(new Span(start, end, quote(ConnectionSecrets.MASK, yaml)));
                }
            } else if (masked.changed()) {
                spans.add(new Span(start, end, quote(ConnectionSecrets.json(masked.json()), yaml)));
            }
        } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            JsonNode tree = p.readValueAsTree();
            int end = offset(p.currentLocation(), yamlText);
            if (yaml) {
                // a block mapping ends where the next key's line begins: keep that line break
                while (end > start && Character.isWhitespace(yamlText.charAt(end - 1))) {
                    end--;
                }
            }
            ConnectionSecrets.MaskedExtra masked = ConnectionSecrets.maskExtra(tree);
            if (masked.changed()) {
                // JSON is also YAML flow syntax, so one form fits both inputs
                spans.add(new Span(start, end, ConnectionSecrets.json(masked.json())));
            }
        }
    }

    /**
     * A byte offset for JSON; for YAML a char index into {@code yamlText}, converted from the code
     * point count SnakeYAML reports (they differ after a character outside the BMP).
     */
    private static int offset(JsonLocation location, String yamlText) {
        if (yamlText == null) {
            return (int) location.getByteOffset();
        }
        return yamlText.offsetByCodePoints(0, (int) location.getCharOffset());
    }

    private static String quote(String s, boolean yaml) {
        if (yaml) {
            return "'" + s.replace("'", "''") + "'";
        }
        return ConnectionSecrets.json(TextNode.valueOf(s));
    }

    private static byte[] spliceBytes(byte[] in, List<Span> spans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int at = 0;
        for (Span s : spans) {
            out.write(in, at, s.start() - at);
            out.writeBytes(s.replacement().getBytes(StandardCharsets.UTF_8));
            at = s.end();
        }
        out.write(in, at, in.length - at);
        return out.toByteArray();
    }

    private static String spliceChars(String in, List<Span> spans) {
        StringBuilder out = new StringBuilder(in.length());
        int at = 0;
        for (Span s : spans) {
            out.append(in, at, s.start()).append(s.replacement());
            at = s.end();
        }
        return out.append(in, at, in.length()).toString();
    }

    /** Fallback: the record as compact JSON with every secret masked. */
    private static String reserialised(byte[] record, boolean yaml) {
        try {
            JsonNode tree = (yaml ? YAML : JsonFields.MAPPER).readTree(record);
            maskTree(tree, yaml ? 2 : 1);
            return ConnectionSecrets.json(tree);
        } catch (IOException | RuntimeException e) {
            return ConnectionSecrets.MASK;
        }
    }

    private static void maskTree(JsonNode node, int depth) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (depth > 1) {
            object.forEach(child -> maskTree(child, depth - 1));
            return;
        }
        object.fields()
                .forEachRemaining(
                        f -> {
                            if (f.getKey().equals("extra")) {
                                JsonNode extra = f.getValue();
                                if (extra.isTextual()) {
                                    var m = ConnectionSecrets.maskExtraText(extra.asText());
                                    f.setValue(
                                            TextNode.valueOf(
                                                    m == null
                                                            ? ConnectionSecrets.MASK
                                                            : ConnectionSecrets.json(m.json())));
                                } else {
                                    f.setValue(ConnectionSecrets.maskExtra(extra).json());
                                }
                            } else if (ConnectionSecrets.isSensitive(f.getKey())
                                    && !f.getValue().isNull()) {
                                f.setValue(TextNode.valueOf(ConnectionSecrets.MASK));
                            }
                        });
    }
}
