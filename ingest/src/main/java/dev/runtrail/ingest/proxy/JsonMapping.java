package dev.runtrail.ingest.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A declarative mapping from one JSON access-log shape to ECS: for each target, the source JSON
 * path(s) to read (the first present one wins) and how to convert the value. Loaded from YAML:
 *
 * <pre>
 * name: envoy                  # format name suffix and observer.product
 * dataset: proxy.envoy         # event.dataset (default proxy.mapped)
 * sniff: [start_time, method]  # keys a record of this shape always has (format detection)
 * required: ["@timestamp"]     # targets without which a record is dead-lettered (default)
 * fields:
 *   - target: "@timestamp"
 *     from: [start_time]
 *     type: timestamp          # string (default), long, ip, user, client, url, request_line,
 *     format: iso8601          #   status, duration, timestamp, outcome
 *   - target: event.duration
 *     from: [duration]
 *     type: duration
 *     unit: ms                 # s, ms, us, ns; strings like "0.08s" carry their own unit
 *   - target: source.ip
 *     type: client             # peer address, with the first X-Forwarded-For hop preferred
 *     from: [downstream_remote_address]
 *     forwarded_for: [x_forwarded_for]
 *   - target: event.action
 *     value: access            # a constant
 * </pre>
 *
 * <p>Paths are dotted ({@code httpRequest.requestUrl}); a key that itself contains dots ({@code
 * addr.remote}) is found too, the longest matching key winning. Immutable and thread-safe.
 */
public final class JsonMapping {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Names of the mappings shipped as resources, selectable by name. */
    public static final List<String> BUILT_IN =
            List.of("envoy", "nginx-json", "pomerium", "teleport", "google-iap", "hoop");

    private final String name;
    private final String dataset;
    private final List<String> sniffKeys;
    private final List<String> required;
    private final List<Rule> rules;

    private JsonMapping(
            String name,
            String dataset,
            List<String> sniffKeys,
            List<String> required,
            List<Rule> rules) {
        this.name = name;
        this.dataset = dataset;
        this.sniffKeys = sniffKeys;
        this.required = required;
        this.rules = rules;
    }

    public String name() {
        return name;
    }

    public String dataset() {
        return dataset;
    }

    List<String> sniffKeys() {
        return sniffKeys;
    }

    /** A mapping shipped with runtrail, by name (see {@link #BUILT_IN}). */
    public static JsonMapping builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException(
                    "No built-in JSON access-log mapping is named '"
                            + name
                            + "'; the built-in ones are "
                            + BUILT_IN
                            + ", or give the path of a mapping file.");
        }
        String resource = "mappings/" + name + ".yaml";
        try (InputStream in = JsonMapping.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Resource " + resource + " is missing from the jar.");
            }
            return fromYaml(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the built-in mapping " + resource, e);
        }
    }

    /** A built-in mapping by name, or else a mapping file at that path. */
    public static JsonMapping byNameOrPath(String nameOrPath) throws IOException {
        if (BUILT_IN.contains(nameOrPath)) {
            return builtIn(nameOrPath);
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "'"
                            + nameOrPath
                            + "' is neither a built-in mapping "
                            + BUILT_IN
                            + " nor a readable mapping file.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return fromYaml(in);
        }
    }

    /** Reads and checks a mapping; mistakes are reported with full sentences. */
    public static JsonMapping fromYaml(InputStream in) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    "A JSON mapping must be a YAML mapping with 'fields'.");
        }
        String name = text(root, "name", null);
        if (name == null) {
            throw new IllegalArgumentException("A JSON mapping needs a 'name'.");
        }
        JsonNode fields = root.get("fields");
        if (fields == null || !fields.isArray() || fields.isEmpty()) {
            throw new IllegalArgumentException(
                    "The JSON mapping '" + name + "' needs a non-empty 'fields' list.");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode f : fields) {
            rules.add(Rule.of(name, f));
        }
        List<String> required = strings(root.get("required"));
        return new JsonMapping(
                name,
                text(root, "dataset", "proxy.mapped"),
                strings(root.get("sniff")),
                root.has("required") ? required : List.of(Ecs.TIMESTAMP),
                List.copyOf(rules));
    }

    /**
     * Maps one JSON object to the event.
     *
     * @return null when done, else the reason the record cannot be an event
     */
    String apply(JsonNode record, EcsDocument doc) {
        for (Rule rule : rules) {
            String problem = rule.apply(record, doc);
            if (problem != null) {
                return problem;
            }
        }
        for (String target : required) {
            if (!doc.has(target)) {
                return "the record has none of the fields the '"
                        + name
                        + "' mapping reads for "
                        + target
                        + ".";
            }
        }
        if (!doc.has(ProxyFields.OBSERVER_PRODUCT)) {
            doc.put(ProxyFields.OBSERVER_PRODUCT, name);
        }
        ProxyFields.airflow(doc);
        return null;
    }

    /** Whether a parsed JSON object has every sniff key (at top level or by path). */
    boolean looksLike(JsonNode record) {
        if (sniffKeys.isEmpty()) {
            return false;
        }
        for (String key : sniffKeys) {
            if (resolve(record, key.split("\\."), 0) == null) {
                return false;
            }
        }
        return true;
    }

    private enum Type {
        STRING,
        LONG,
        IP,
        USER,
        CLIENT,
        URL,
        REQUEST_LINE,
        STATUS,
        DURATION,
        TIMESTAMP,
        OUTCOME
    }

    /** One target: where its value comes from and how it is converted. */
    private record Rule(
            String target,
            Type type,
            List<String[]> from,
            List<String[]> forwardedFor,
            String constant,
            long unitNanos,
            DateTimeFormatter pattern,
            String format) {

        static Rule of(String mapping, JsonNode f) {
            String target = text(f, "target", null);
            if (target == null) {
                throw new IllegalArgumentException(
                        "Every field of the JSON mapping '" + mapping + "' needs a 'target'.");
            }
            String typeName = text(f, "type", "string");
            Type type;
            try {
                type = Type.valueOf(typeName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "The field "
                                + target
                                + " of the JSON mapping '"
                                + mapping
                                + "' has the unknown type '"
                                + typeName
                                + "'; use one of "
                                + List.of(Type.values()).toString().toLowerCase(Locale.ROOT)
                                + ".");
            }
            List<String[]> from = paths(f.get("from"));
            String constant = text(f, "value", null);
            if (from.isEmpty() && constant == null) {
                throw new IllegalArgumentException(
                        "The field "
                                + target
                                + " of the JSON mapping '"
                                + mapping
                                + "' needs 'from' (source paths) or 'value' (a constant).");
            }
            String unit = text(f, "unit", "s");
            long unitNanos =
                    switch (unit) {
                        case "s" -> 1_000_000_000L;
                        case "ms" -> 1_000_000L;
                        case "us" -> 1_000L;
                        case "ns" -> 1L;
                        default ->
                                throw new IllegalArgumentException(
                                        "The duration unit of "
                                                + target
                                                + " in the JSON mapping '"
                                                + mapping
                                                + "' must be s, ms, us or ns, not '"
                                                + unit
                                                + "'.");
                    };
            String format = text(f, "format", "auto");
            DateTimeFormatter pattern = null;
            if (type == Type.TIMESTAMP
                    && !List.of(
                                    "auto",
                                    "iso8601",
                                    "clf",
                                    "epoch_s",
                                    "epoch_ms",
                                    "epoch_us",
                                    "epoch_ns")
                            .contains(format)) {
                try {
                    pattern = DateTimeFormatter.ofPattern(format, Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "The timestamp format '"
                                    + format
                                    + "' of "
                                    + target
                                    + " in the JSON mapping '"
                                    + mapping
                                    + "' is not a java.time pattern: "
                                    + e.getMessage());
                }
            }
            return new Rule(
                    target,
                    type,
                    from,
                    paths(f.get("forwarded_for")),
                    constant,
                    unitNanos,
                    pattern,
                    format);
        }

        String apply(JsonNode record, EcsDocument doc) {
            String value = constant != null ? constant : first(record, from);
            if (value == null && type != Type.CLIENT) {
                return null;
            }
            switch (type) {
                case STRING -> doc.put(target, value);
                case LONG -> {
                    Long n = number(value);
                    if (n == null) {
                        return target + " must be a whole number, found '" + value + "'.";
                    }
                    doc.put(target, n);
                }
                case IP -> {
                    String ip = stripPort(value);
                    if (Ips.isIp(ip)) {
                        doc.put(target, ip);
                        doc.add(Ecs.RELATED_IP, ip);
                    }
                }
                case USER -> {
                    if (target.equals(Ecs.USER_EMAIL)) {
                        doc.put(Ecs.USER_EMAIL, value);
                    } else if (!doc.has(Ecs.USER_NAME)) {
                        ProxyFields.user(doc, value);
                    }
                }
                case CLIENT -> ProxyFields.client(doc, value, first(record, forwardedFor));
                case URL -> ProxyFields.target(doc, value);
                case REQUEST_LINE -> NginxCombinedFormat.requestLine(doc, value);
                case STATUS -> {
                    Long n = number(value);
                    if (n == null) {
                        return target + " must be an HTTP status, found '" + value + "'.";
                    }
                    ProxyFields.status(doc, n);
                }
                case DURATION -> {
                    long nanos = duration(value, unitNanos);
                    if (nanos < 0) {
                        return target + " must be a duration, found '" + value + "'.";
                    }
                    doc.put(Ecs.EVENT_DURATION, nanos);
                }
                case TIMESTAMP -> {
                    Instant at = timestamp(value);
                    if (at == null) {
                        return target
                                + " must be a timestamp ("
                                + format
                                + "), found '"
                                + value
                                + "'.";
                    }
                    doc.put(target, at);
                }
                case OUTCOME -> {
                    if (value.equals("true")) {
                        doc.put(Ecs.EVENT_OUTCOME, "success");
                    } else if (value.equals("false")) {
                        doc.put(Ecs.EVENT_OUTCOME, "failure");
                    }
                }
            }
            return null;
        }

        private Instant timestamp(String v) {
            if (pattern != null) {
                try {
                    return ZonedDateTime.parse(v, pattern).toInstant();
                } catch (DateTimeParseException e) {
                    try {
                        return OffsetDateTime.parse(v, pattern).toInstant();
                    } catch (DateTimeParseException e2) {
                        return null;
                    }
                }
            }
            return switch (format) {
                case "iso8601" -> iso(v);
                case "clf" -> AccessTimes.clf(unbracket(v));
                case "epoch_s" -> AccessTimes.epochSecondsFraction(v);
                case "epoch_ms" -> epochScaled(v, 1_000_000L);
                case "epoch_us" -> epochScaled(v, 1_000L);
                case "epoch_ns" -> epochScaled(v, 1L);
                default -> {
                    Instant at = iso(v);
                    if (at == null) {
                        at = AccessTimes.clf(unbracket(v));
                    }
                    if (at == null) {
                        at = AccessTimes.epochSecondsFraction(v);
                    }
                    yield at;
                }
            };
        }
    }

    private static Instant iso(String v) {
        if (v.length() < 19 || v.charAt(4) != '-') {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static Instant epochScaled(String v, long nanosPerUnit) {
        long n = AccessTimes.parseLong(v);
        if (n < 0) {
            return null;
        }
        long unitsPerSecond = 1_000_000_000L / nanosPerUnit;
        return Instant.ofEpochSecond(n / unitsPerSecond, (n % unitsPerSecond) * nanosPerUnit);
    }

    private static String unbracket(String v) {
        return v.length() > 2 && v.charAt(0) == '[' && v.charAt(v.length() - 1) == ']'
                ? v.substring(1, v.length() - 1)
                : v;
    }

    /**
     * A duration in nanoseconds: a number in the rule's unit, or a string with its own unit suffix
     * ({@code 0.081634s}, {@code 12ms}, {@code 3us}, {@code 5ns}), or -1.
     */
    static long duration(String v, long unitNanos) {
        long scale = unitNanos;
        String number = v;
        if (v.endsWith("ms")) {
            scale = 1_000_000L;
            number = v.substring(0, v.length() - 2);
        } else if (v.endsWith("us") || v.endsWith("µs")) {
            scale = 1_000L;
            number = v.substring(0, v.length() - 2);
        } else if (v.endsWith("ns")) {
            scale = 1L;
            number = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            scale = 1_000_000_000L;
            number = v.substring(0, v.length() - 1);
        }
        // exact decimal arithmetic: seconds-with-fraction scaled to the unit
        long asSecondsNanos = AccessTimes.secondsToNanos(number);
        if (asSecondsNanos < 0) {
            return -1;
        }
        return Math.round(asSecondsNanos / 1e9 * scale);
    }

    private static Long number(String v) {
        try {
            if (v.indexOf('.') >= 0) {
                return (long) Double.parseDouble(v);
            }
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String stripPort(String v) {
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            return end > 0 ? v.substring(1, end) : v;
        }
        int colon = v.indexOf(':');
        return colon > 0 && colon == v.lastIndexOf(':') ? v.substring(0, colon) : v;
    }

    /**
     * The first path that resolves to a usable scalar, as text; {@code -} and "" count as absent.
     */
    private static String first(JsonNode record, List<String[]> paths) {
        for (String[] path : paths) {
            JsonNode node = resolve(record, path, 0);
            if (node == null || node.isNull() || node.isContainerNode()) {
                continue;
            }
            String text = node.asText();
            if (!text.isEmpty() && !text.equals("-")) {
                return text;
            }
        }
        return null;
    }

    /** Resolves a dotted path, trying the longest key first so keys with dots are found. */
    private static JsonNode resolve(JsonNode node, String[] path, int from) {
        if (from == path.length) {
            return node;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        if (path.length - from == 1) {
            return node.get(path[from]);
        }
        for (int to = path.length; to > from; to--) {
            String key =
                    to == from + 1
                            ? path[from]
                            : String.join(".", java.util.Arrays.copyOfRange(path, from, to));
            JsonNode child = node.get(key);
            if (child != null) {
                JsonNode found = resolve(child, path, to);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<String[]> paths(JsonNode node) {
        List<String[]> out = new ArrayList<>();
        for (String s : strings(node)) {
            out.add(s.split("\\."));
        }
        return List.copyOf(out);
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    @Override
    public String toString() {
        return "JsonMapping[" + name + ", " + rules.size() + " fields]";
    }
}
