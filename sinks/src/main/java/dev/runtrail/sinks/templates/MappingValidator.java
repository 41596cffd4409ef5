package dev.runtrail.sinks.templates;

import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a document against the rules of runtrail's templates without a cluster: every value must
 * be acceptable to the type its field gets ({@link EcsMappings}), the way Elasticsearch would
 * accept or refuse it. Tests of every stage run their output through it.
 */
public final class MappingValidator {
    private MappingValidator() {}

    /** Full-sentence descriptions of every value the index would refuse; empty when valid. */
    public static List<String> violations(EcsDocument doc) {
        List<String> problems = new ArrayList<>();
        boolean deadLetter = doc.kind() == Kind.DEADLETTER;
        if (doc.id() == null || doc.id().isEmpty()) {
            problems.add(
                    "The document has no id; every runtrail document needs a deterministic id.");
        }
        for (Map.Entry<String, Object> e : doc.fields().entrySet()) {
            String path = e.getKey();
            if (deadLetter
                    && !EcsMappings.FIELDS.containsKey(path)
                    && !EcsMappings.DEAD_LETTER_FIELDS.containsKey(path)) {
                continue; // not indexed in the dead-letter index, kept in _source only
            }
            FieldType type = EcsMappings.typeOf(path, e.getValue(), deadLetter);
            Object value = e.getValue();
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object v : values) {
                String problem = check(type, v);
                if (problem != null) {
                    problems.add(
                            "Field "
                                    + path
                                    + " is mapped as "
                                    + type
                                    + " but holds "
                                    + describe(v)
                                    + ": "
                                    + problem);
                }
            }
            if (type != FieldType.DATE && containsInstant(values)) {
                problems.add(
                        "Field "
                                + path
                                + " holds an instant but is not mapped as a date; add it to EcsMappings.FIELDS.");
            }
        }
        return problems;
    }

    private static boolean containsInstant(List<?> values) {
        for (Object v : values) {
            if (v instanceof Instant) {
                return true;
            }
        }
        return false;
    }

    private static String check(FieldType type, Object v) {
        return switch (type) {
            case DATE ->
                    v instanceof Instant || isIsoInstant(v)
                            ? null
                            : "expected an ISO-8601 instant.";
            case IP ->
                    v instanceof String s && IpLiterals.isIp(s)
                            ? null
                            : "expected an IPv4 or IPv6 literal.";
            case LONG -> v instanceof Long || isWholeNumber(v) ? null : "expected a whole number.";
            case DOUBLE -> v instanceof Number || isNumber(v) ? null : "expected a number.";
            case BOOLEAN ->
                    v instanceof Boolean || "true".equals(v) || "false".equals(v)
                            ? null
                            : "expected true or false.";
            case KEYWORD, IDENTIFIER, FLATTENED, COMMAND_LINE, PROSE, STORED_ONLY ->
                    v instanceof String
                                    || v instanceof Number
                                    || v instanceof Boolean
                                    || v instanceof Instant
                            ? null
                            : "expected a scalar value.";
        };
    }

    private static boolean isIsoInstant(Object v) {
        if (!(v instanceof String s)) {
            return false;
        }
        try {
            Instant.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isWholeNumber(Object v) {
        if (!(v instanceof String s)) {
            return false;
        }
        try {
            Long.parseLong(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isNumber(Object v) {
        if (!(v instanceof String s)) {
            return false;
        }
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String describe(Object v) {
        String text = String.valueOf(v);
        if (text.length() > 60) {
            text = text.substring(0, 60) + "...";
        }
        return (v == null ? "null" : v.getClass().getSimpleName()) + " '" + text + "'";
    }
}
