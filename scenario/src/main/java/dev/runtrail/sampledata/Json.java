package dev.runtrail.sampledata;

import java.util.ArrayList;
import java.util.List;

/**
 * A small ordered JSON object builder. The generator controls key order and layout exactly (the
 * output must be byte-stable and look like what Airflow, Winlogbeat and our truth file write),
 * which a general-purpose mapper does not promise.
 */
public final class Json {
    private final List<String> keys = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    public static Json object() {
        return new Json();
    }

    /** Adds a field; values are String, Number, Boolean, Json, List of those, or null. */
    public Json put(String key, Object value) {
        keys.add(key);
        values.add(value);
        return this;
    }

    /** Adds a field unless the value is null. */
    public Json putIfPresent(String key, Object value) {
        return value == null ? this : put(key, value);
    }

    public String compact() {
        StringBuilder out = new StringBuilder(256);
        writeCompact(out, this);
        return out.toString();
    }

    /** Python {@code json.dumps(indent=2)} layout. */
    public String pretty(int baseIndent) {
        StringBuilder out = new StringBuilder(512);
        writePretty(out, this, baseIndent);
        return out.toString();
    }

    private static void writeCompact(StringBuilder out, Object value) {
        if (value instanceof Json json) {
            out.append('{');
            for (int i = 0; i < json.keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(out, json.keys.get(i));
                out.append(':');
                writeCompact(out, json.values.get(i));
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeCompact(out, list.get(i));
            }
            out.append(']');
        } else {
            scalar(out, value);
        }
    }

    private static void writePretty(StringBuilder out, Object value, int indent) {
        if (value instanceof Json json) {
            if (json.keys.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            for (int i = 0; i < json.keys.size(); i++) {
                out.append(" ".repeat(indent + 2));
                quote(out, json.keys.get(i));
                out.append(": ");
                writePretty(out, json.values.get(i), indent + 2);
                out.append(i + 1 < json.keys.size() ? ",\n" : "\n");
            }
            out.append(" ".repeat(indent)).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(" ".repeat(indent + 2));
                writePretty(out, list.get(i), indent + 2);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(" ".repeat(indent)).append(']');
        } else {
            scalar(out, value);
        }
    }

    private static void scalar(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException(
                    "Unsupported JSON value type " + value.getClass() + ".");
        }
    }

    /** Appends a JSON string literal. */
    public static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
