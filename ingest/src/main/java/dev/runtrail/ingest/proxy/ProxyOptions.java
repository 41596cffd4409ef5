package dev.runtrail.ingest.proxy;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Settings of the proxy parsers. Like {@link dev.runtrail.ingest.airflow.AirflowOptions}, the
 * parsers read them as JVM system properties of the same key.
 */
public final class ProxyOptions {
    private ProxyOptions() {}

    public static final ConfigOption<String> JSON_MAPPING =
            ConfigOptions.key(MappedJsonFormat.MAPPING_PROPERTY)
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The mapping of the proxy-json-mapped format: a built-in name ("
                                    + String.join(", ", JsonMapping.BUILT_IN)
                                    + ") or the path of a mapping file (YAML).");

    public static final ConfigOption<String> OAUTH2_PROXY_OFFSET =
            ConfigOptions.key(OAuth2ProxyFormat.OFFSET_PROPERTY)
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "UTC offset, e.g. +02:00, of oauth2-proxy times written without a"
                                    + " zone (default UTC).");
}
