package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which parts of an Airflow connection are secret, and their masked form. A key is sensitive when
 * its lower-cased name contains one of the words Airflow itself hides in its UI and logs ({@code
 * password}, {@code secret}, {@code token}, {@code private_key}, ...), plus {@code credential}. A
 * sensitive value is replaced by {@link #MASK} whatever its type (a {@code keyfile_dict} object
 * becomes one string).
 */
final class ConnectionSecrets {
    /** What every secret is replaced by, in fields and in {@code event.original}. */
    static final String MASK = "***";

    private static final List<String> SENSITIVE_WORDS =
            List.of(
                    "access_token",
                    "api_key",
                    "apikey",
                    "authorization",
                    "passphrase",
                    "passwd",
                    "password",
                    "private_key",
                    "secret",
                    "token",
                    "keyfile_dict",
                    "service_account",
                    "credential");

    private ConnectionSecrets() {}

    static boolean isSensitive(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String word : SENSITIVE_WORDS) {
            if (k.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The extra JSON of a connection with its sensitive values masked. */
    record MaskedExtra(JsonNode json, boolean changed) {}

    /**
     * Parses an {@code extra} string and masks it; null when it is not JSON (then nothing in it can
     * be told apart from a secret, so callers drop or mask it whole).
     */
    static MaskedExtra maskExtraText(String extra) {
        try {
            JsonNode node = JsonFields.MAPPER.readTree(extra);
            return node == null ? null : maskExtra(node);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A masked copy of an {@code extra} tree (the input is left alone). */
    static MaskedExtra maskExtra(JsonNode extra) {
        JsonNode copy = extra.deepCopy();
        return new MaskedExtra(copy, mask(copy));
    }

    private static boolean mask(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (isSensitive(field.getKey())) {
                    if (!value.isNull() && !alreadyBlank(value)) {
                        field.setValue(TextNode.valueOf(MASK));
                        changed = true;
                    }
                } else {
                    changed |= mask(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                changed |= mask(element);
            }
        }
        return changed;
    }

    private static boolean alreadyBlank(JsonNode value) {
        return value.isTextual() && (value.asText().isEmpty() || value.asText().equals(MASK));
    }

    /** Compact JSON text of a tree. */
    static String json(JsonNode node) {
        try {
            return JsonFields.MAPPER.writeValueAsString(node);
        } catch (JacksonException e) {
            throw new IllegalStateException("A JSON tree could not be written: " + e, e);
        }
    }
}
