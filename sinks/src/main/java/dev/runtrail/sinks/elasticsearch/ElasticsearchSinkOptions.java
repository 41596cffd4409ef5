package dev.runtrail.sinks.elasticsearch;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Configuration of the Elasticsearch sink. Read once into {@link ElasticsearchSettings} with {@link
 * ElasticsearchSettings#from}. Secrets are never option values themselves: the options name an
 * environment variable or a file that holds them.
 */
public final class ElasticsearchSinkOptions {
    private ElasticsearchSinkOptions() {}

    public static final ConfigOption<List<String>> HOSTS =
            ConfigOptions.key("runtrail.es.hosts")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Elasticsearch URLs, e.g. http://localhost:9200; several for a cluster.");

    public static final ConfigOption<String> TLS_CA_FILE =
            ConfigOptions.key("runtrail.es.tls.ca-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM file of the CA that signed the cluster's HTTP certificate"
                                    + " (Elasticsearch's http_ca.crt).");

    public static final ConfigOption<String> TLS_CA_FINGERPRINT =
            ConfigOptions.key("runtrail.es.tls.ca-fingerprint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "SHA-256 fingerprint (hex) of the CA certificate, as Elasticsearch prints"
                                    + " it at first start; an alternative to the CA file.");

    public static final ConfigOption<String> API_KEY_ENV =
            ConfigOptions.key("runtrail.es.api-key.env")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Name of the environment variable holding an encoded API key.");

    public static final ConfigOption<String> API_KEY_FILE =
            ConfigOptions.key("runtrail.es.api-key.file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("File holding an encoded API key (first line).");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("runtrail.es.username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("User for basic authentication.");

    public static final ConfigOption<String> PASSWORD_ENV =
            ConfigOptions.key("runtrail.es.password.env")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Name of the environment variable holding the password.");

    public static final ConfigOption<String> PASSWORD_FILE =
            ConfigOptions.key("runtrail.es.password.file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("File holding the password (first line).");

    public static final ConfigOption<String> INDEX_PREFIX =
            ConfigOptions.key("runtrail.es.index-prefix")
                    .stringType()
                    .defaultValue("runtrail")
                    .withDescription(
                            "Stem of index, alias and template names: <prefix>-events-2024.05 etc.");

    public static final ConfigOption<Boolean> INSTALL_TEMPLATES =
            ConfigOptions.key("runtrail.es.install-templates")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Install the index templates when the job starts.");

    public static final ConfigOption<Integer> BULK_MAX_ACTIONS =
            ConfigOptions.key("runtrail.es.bulk.max-actions")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("Most documents in one bulk request.");

    public static final ConfigOption<MemorySize> BULK_MAX_BYTES =
            ConfigOptions.key("runtrail.es.bulk.max-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("5mb"))
                    .withDescription("Most source bytes in one bulk request.");

    public static final ConfigOption<Duration> BULK_INTERVAL =
            ConfigOptions.key("runtrail.es.bulk.interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "Longest time a document waits in the buffer before a flush. Under"
                                    + " load bulks fill up to max-actions long before; at a few"
                                    + " thousand events/s this bounds the time to searchable,"
                                    + " together with the index refresh interval (1s).");

    public static final ConfigOption<Integer> MAX_IN_FLIGHT =
            ConfigOptions.key("runtrail.es.max-in-flight")
                    .intType()
                    .defaultValue(2)
                    .withDescription(
                            "Bulk requests per sink subtask that may be outstanding at once;"
                                    + " a request waiting to be retried counts.");

    public static final ConfigOption<Integer> MAX_BUFFERED =
            ConfigOptions.key("runtrail.es.max-buffered")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Documents buffered per subtask before the sink applies backpressure;"
                                    + " must exceed bulk.max-actions.");

    public static final ConfigOption<Integer> RETRY_MAX_ATTEMPTS =
            ConfigOptions.key("runtrail.es.retry.max-attempts")
                    .intType()
                    .defaultValue(30)
                    .withDescription(
                            "Tries of one document on retryable failures (429, 5xx, connection"
                                    + " errors) before the job fails and restarts from its"
                                    + " checkpoint.");

    public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF =
            ConfigOptions.key("runtrail.es.retry.initial-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription("Wait before the first retry; doubles on every further try.");

    public static final ConfigOption<Duration> RETRY_MAX_BACKOFF =
            ConfigOptions.key("runtrail.es.retry.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Longest wait between two tries.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key("runtrail.es.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription("Socket timeout of one HTTP request to Elasticsearch.");
}
