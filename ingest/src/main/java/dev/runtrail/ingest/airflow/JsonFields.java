package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/** Reading optional fields of Airflow JSON: nulls and empty strings count as absent. */
final class JsonFields {
    /** Shared, thread-safe once configured. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFields() {}

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /** A number, or a string holding a decimal number (the ES handler writes try_number as "1"). */
    static Long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (!s.isEmpty() && s.length() <= 18) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static Instant instant(JsonNode node, String field) {
        String s = text(node, field);
        return s == null ? null : AirflowTime.parse(s);
    }

    /** The first present of the given fields as text. */
    static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String s = text(node, field);
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
