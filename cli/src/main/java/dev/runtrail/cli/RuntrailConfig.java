package dev.runtrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.runtrail.correlate.CorrelationOptions;
import dev.runtrail.ingest.airflow.AirflowOptions;
import dev.runtrail.ingest.airflow.AirflowTaskLogFormat;
import dev.runtrail.ingest.proxy.JsonMapping;
import dev.runtrail.ingest.proxy.ProxyOptions;
import dev.runtrail.sinks.SinkSettings;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSinkOptions;
import dev.runtrail.sinks.kafka.KafkaSinkOptions;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The settings a command runs with: runtrail's {@link ConfigOption}s (sinks, correlation, parsers)
 * and any Flink option, read from a YAML file ({@code --config}) and from {@code -D KEY=VALUE},
 * which wins. Keys under {@code runtrail.} and {@code correlation.} must be runtrail options and
 * their values must parse; every other key is handed to Flink as it is. Secrets are never values
 * here: the options name the environment variable or file that holds them, so nothing this class
 * reports can contain one.
 */
public final class RuntrailConfig {
    private RuntrailConfig() {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final List<Class<?>> OPTION_CLASSES =
            List.of(
                    ElasticsearchSinkOptions.class,
                    KafkaSinkOptions.class,
                    SinkSettings.class,
                    CorrelationOptions.class,
                    AirflowOptions.class,
                    ProxyOptions.class);

    /** Options the parsers read as JVM system properties of the same key. */
    static final List<ConfigOption<String>> PARSER_OPTIONS =
            List.of(
                    AirflowOptions.LOG_FILENAME_TEMPLATE,
                    ProxyOptions.JSON_MAPPING,
                    ProxyOptions.OAUTH2_PROXY_OFFSET);

    private static final Map<String, ConfigOption<?>> KNOWN = known();

    private static Map<String, ConfigOption<?>> known() {
        Map<String, ConfigOption<?>> options = new TreeMap<>();
        for (Class<?> holder : OPTION_CLASSES) {
            for (Field field : holder.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    try {
                        ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                        options.put(option.key(), option);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return options;
    }

    /** Keys of every runtrail option, sorted. */
    public static List<String> keys() {
        return List.copyOf(KNOWN.keySet());
    }

    /**
     * Reads the file (may be null) and the overrides, and checks every runtrail key and value.
     *
     * @throws IllegalArgumentException naming each unknown key and each value that does not parse
     * @throws IOException when the file cannot be read or is not YAML
     */
    static Configuration load(Path file, Map<String, String> overrides) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            values.putAll(readYaml(file));
        }
        values.putAll(overrides);
        List<String> problems = new ArrayList<>();
        for (String key : values.keySet()) {
            if (ours(key) && !KNOWN.containsKey(key)) {
                problems.add(unknown(key));
            }
        }
        Configuration conf = Configuration.fromMap(values);
        for (String key : values.keySet()) {
            ConfigOption<?> option = KNOWN.get(key);
            if (option != null) {
                try {
                    conf.get(option);
                } catch (IllegalArgumentException e) {
                    Throwable why = e.getCause() != null ? e.getCause() : e;
                    problems.add(
                            "Cannot read "
                                    + key
                                    + " = '"
                                    + values.get(key)
                                    + "': "
                                    + why.getMessage());
                }
            }
        }
        checkParserSettings(conf, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
        return conf;
    }

    /** Hands the parser settings to the parsers (system properties); absent ones are cleared. */
    static void applyParserSettings(Configuration conf) {
        for (ConfigOption<String> option : PARSER_OPTIONS) {
            String value = conf.get(option);
            if (value == null) {
                System.clearProperty(option.key());
            } else {
                System.setProperty(option.key(), value);
            }
        }
    }

    private static void checkParserSettings(Configuration conf, List<String> problems) {
        String template = conf.get(AirflowOptions.LOG_FILENAME_TEMPLATE);
        if (template != null) {
            try {
                new AirflowTaskLogFormat(template);
            } catch (IllegalArgumentException e) {
                problems.add(AirflowOptions.LOG_FILENAME_TEMPLATE.key() + ": " + e.getMessage());
            }
        }
        String mapping = conf.get(ProxyOptions.JSON_MAPPING);
        if (mapping != null) {
            try {
                JsonMapping.byNameOrPath(mapping);
            } catch (IOException | IllegalArgumentException e) {
                problems.add(ProxyOptions.JSON_MAPPING.key() + ": " + e.getMessage());
            }
        }
        String offset = conf.get(ProxyOptions.OAUTH2_PROXY_OFFSET);
        if (offset != null) {
            try {
                ZoneOffset.of(offset.strip());
            } catch (DateTimeException e) {
                problems.add(
                        ProxyOptions.OAUTH2_PROXY_OFFSET.key()
                                + " must be a UTC offset such as +02:00, not '"
                                + offset
                                + "'.");
            }
        }
    }

    private static boolean ours(String key) {
        return key.startsWith("runtrail.") || key.startsWith("correlation.");
    }

    /** The message for an unknown key; it never repeats the value, which may be a secret. */
    private static String unknown(String key) {
        List<String> near = KNOWN.keySet().stream().filter(k -> k.startsWith(key + ".")).toList();
        if (near.isEmpty()) {
            int tolerance = Math.max(2, key.length() / 10);
            near =
                    KNOWN.keySet().stream()
                            .filter(k -> distance(k, key) <= tolerance)
                            .sorted(java.util.Comparator.comparingInt(k -> distance(k, key)))
                            .limit(3)
                            .toList();
        }
        String stem = key;
        while (near.isEmpty() && stem.lastIndexOf('.') > 0) {
            stem = stem.substring(0, stem.lastIndexOf('.'));
            String parent = stem + ".";
            near = KNOWN.keySet().stream().filter(k -> k.startsWith(parent)).limit(8).toList();
        }
        StringBuilder message = new StringBuilder("Unknown setting ").append(key).append('.');
        if (!near.isEmpty()) {
            message.append(" Settings nearby: ").append(String.join(", ", near)).append('.');
        }
        if (key.contains("api-key") || key.contains("password") || key.contains("secret")) {
            message.append(
                    " Secrets are never given as values: name the environment variable or file"
                            + " that holds them (*.env, *.file).");
        }
        return message.toString();
    }

    /** Edit distance (insertions, deletions, substitutions), for suggesting a mistyped key. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The file's settings as flat keys: nested mappings are joined with dots, lists with ';'. */
    private static Map<String, String> readYaml(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot read the settings file " + file + ": no such file");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(
                    "cannot read the settings file " + file + " as YAML: " + e.getMessage(), e);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return flat;
        }
        if (!root.isObject()) {
            throw new IOException(
                    "the settings file "
                            + file
                            + " must be a YAML mapping of keys to values, e.g."
                            + " 'runtrail.es.hosts: https://es.example:9200'");
        }
        flatten("", root, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode value = e.getValue();
            if (value.isObject()) {
                flatten(key, value, out);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                out.put(key, String.join(";", items));
            } else if (!value.isNull()) {
                out.put(key, value.asText());
            }
        }
    }
}
