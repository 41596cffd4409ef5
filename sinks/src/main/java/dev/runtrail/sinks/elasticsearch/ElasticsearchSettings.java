package dev.runtrail.sinks.elasticsearch;

import static dev.runtrail.sinks.elasticsearch.ElasticsearchSinkOptions.*;

import dev.runtrail.sinks.templates.IndexNames;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;

/**
 * The Elasticsearch sink's configuration, read once from {@link ElasticsearchSinkOptions} and
 * checked as a whole: every problem is reported in one exception, each as a full sentence. The
 * record's {@code toString} never shows a secret ({@link Secret} hides itself).
 */
public record ElasticsearchSettings(
        List<URI> hosts,
        TlsTrust tls,
        Credentials credentials,
        String indexPrefix,
        boolean installTemplates,
        int bulkMaxActions,
        long bulkMaxBytes,
        Duration bulkInterval,
        int maxInFlight,
        int maxBuffered,
        RetryPolicy retry,
        Duration requestTimeout)
        implements Serializable {

    public ElasticsearchSettings {
        hosts = List.copyOf(hosts);
    }

    /** Settings for a node without security, everything else at its default. */
    public static ElasticsearchSettings forUrl(String url, String indexPrefix) {
        Configuration conf = new Configuration();
        conf.set(HOSTS, List.of(url));
        conf.set(INDEX_PREFIX, indexPrefix);
        return from(conf);
    }

    /** Reads the settings, taking secrets from the process environment or files. */
    public static ElasticsearchSettings from(Configuration conf) {
        return from(conf, System.getenv());
    }

    /**
     * Reads the settings.
     *
     * @param env the environment that {@code *.env} options name variables of
     * @throws IllegalArgumentException listing every problem found
     */
    public static ElasticsearchSettings from(Configuration conf, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        List<URI> hosts = hosts(conf, problems);
        TlsTrust tls = tls(conf, hosts, problems);
        Credentials credentials = credentials(conf, env::get, problems);
        if (!(credentials instanceof Credentials.None)) {
            for (URI host : hosts) {
                if (clearTextRemote(host)) {
                    problems.add(
                            "Credentials would cross the network in clear text to "
                                    + host
                                    + "; use https:// for every host that is not this machine.");
                }
            }
        }
        String prefix = conf.get(INDEX_PREFIX);
        try {
            IndexNames.checkPrefix(prefix);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        int maxActions = conf.get(BULK_MAX_ACTIONS);
        int maxBuffered = conf.get(MAX_BUFFERED);
        positive(problems, BULK_MAX_ACTIONS.key(), maxActions);
        positive(problems, MAX_IN_FLIGHT.key(), conf.get(MAX_IN_FLIGHT));
        positive(problems, RETRY_MAX_ATTEMPTS.key(), conf.get(RETRY_MAX_ATTEMPTS));
        if (conf.get(BULK_MAX_BYTES).getBytes() < 1024) {
            problems.add(BULK_MAX_BYTES.key() + " must be at least 1kb.");
        }
        if (conf.get(BULK_INTERVAL).toMillis() <= 0) {
            problems.add(BULK_INTERVAL.key() + " must be a positive duration.");
        }
        if (maxBuffered <= maxActions) {
            problems.add(
                    MAX_BUFFERED.key()
                            + " ("
                            + maxBuffered
                            + ") must be greater than "
                            + BULK_MAX_ACTIONS.key()
                            + " ("
                            + maxActions
                            + "), so that a full batch fits in the buffer.");
        }
        if (conf.get(RETRY_MAX_BACKOFF).compareTo(conf.get(RETRY_INITIAL_BACKOFF)) < 0) {
            problems.add(
                    RETRY_MAX_BACKOFF.key()
                            + " must not be shorter than "
                            + RETRY_INITIAL_BACKOFF.key()
                            + ".");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "The Elasticsearch sink is not configured correctly: "
                            + String.join(" ", problems));
        }
        return new ElasticsearchSettings(
                hosts,
                tls,
                credentials,
                prefix,
                conf.get(INSTALL_TEMPLATES),
                maxActions,
                conf.get(BULK_MAX_BYTES).getBytes(),
                conf.get(BULK_INTERVAL),
                conf.get(MAX_IN_FLIGHT),
                maxBuffered,
                new RetryPolicy(
                        conf.get(RETRY_MAX_ATTEMPTS),
                        conf.get(RETRY_INITIAL_BACKOFF),
                        conf.get(RETRY_MAX_BACKOFF)),
                conf.get(REQUEST_TIMEOUT));
    }

    /**
     * The hosts this configuration would reach in a way only a local node should be reached: a host
     * other than this machine's loopback address over plain http, or without credentials. Decided
     * from the URL alone (no name lookup): {@code localhost}, {@code 127.*} and {@code ::1} count
     * as local.
     */
    public List<URI> unprotectedRemoteHosts() {
        boolean anonymous = credentials instanceof Credentials.None;
        return hosts.stream()
                .filter(h -> anonymous ? !loopback(h.getHost()) : clearTextRemote(h))
                .toList();
    }

    /** A host other than this machine, reached over plain http. */
    private static boolean clearTextRemote(URI host) {
        return !"https".equals(host.getScheme()) && !loopback(host.getHost());
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1");
    }

    /** Largest single document the sink accepts: a whole bulk request's worth of bytes. */
    public long maxRecordBytes() {
        return bulkMaxBytes;
    }

    private static void positive(List<String> problems, String key, int value) {
        if (value <= 0) {
            problems.add(key + " must be a positive number, not " + value + ".");
        }
    }

    private static List<URI> hosts(Configuration conf, List<String> problems) {
        List<String> raw = conf.getOptional(HOSTS).orElse(List.of());
        if (raw.isEmpty()) {
            problems.add(
                    HOSTS.key()
                            + " is required: set it to one or more Elasticsearch URLs such as"
                            + " http://localhost:9200.");
            return List.of();
        }
        List<URI> hosts = new ArrayList<>();
        for (String value : raw) {
            try {
                URI uri = URI.create(value.trim());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                hosts.add(uri);
            } catch (IllegalArgumentException e) {
                problems.add(
                        HOSTS.key()
                                + " holds '"
                                + value
                                + "', which is not an http:// or https:// URL with a host.");
            }
        }
        return hosts;
    }

    private static TlsTrust tls(Configuration conf, List<URI> hosts, List<String> problems) {
        String caFile = conf.get(TLS_CA_FILE);
        String fingerprint = conf.get(TLS_CA_FINGERPRINT);
        if (caFile != null && fingerprint != null) {
            problems.add(
                    "Set either "
                            + TLS_CA_FILE.key()
                            + " or "
                            + TLS_CA_FINGERPRINT.key()
                            + ", not both.");
            return new TlsTrust.SystemDefault();
        }
        if ((caFile != null || fingerprint != null)
                && hosts.stream().noneMatch(h -> "https".equals(h.getScheme()))) {
            problems.add(
                    "A CA certificate is configured but no host uses https; use https:// URLs in "
                            + HOSTS.key()
                            + ".");
        }
        if (caFile != null) {
            if (!Files.isReadable(Path.of(caFile))) {
                problems.add(TLS_CA_FILE.key() + " names " + caFile + ", which cannot be read.");
            }
            return new TlsTrust.CaFile(caFile);
        }
        if (fingerprint != null) {
            String hex = fingerprint.replace(":", "").trim();
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                problems.add(
                        TLS_CA_FINGERPRINT.key()
                                + " must be a SHA-256 fingerprint: 64 hex digits, colons allowed.");
            }
            return new TlsTrust.CaFingerprint(hex);
        }
        return new TlsTrust.SystemDefault();
    }

    private static Credentials credentials(
            Configuration conf, Function<String, String> env, List<String> problems) {
        Secret apiKey =
                secret(conf.get(API_KEY_ENV), conf.get(API_KEY_FILE), "API key", env, problems);
        String user = conf.get(USERNAME);
        Secret password =
                secret(conf.get(PASSWORD_ENV), conf.get(PASSWORD_FILE), "password", env, problems);
        boolean apiKeySet = conf.get(API_KEY_ENV) != null || conf.get(API_KEY_FILE) != null;
        boolean passwordSet = conf.get(PASSWORD_ENV) != null || conf.get(PASSWORD_FILE) != null;
        if (apiKeySet && (user != null || passwordSet)) {
            problems.add("Use either an API key or a username and password, not both.");
            return new Credentials.None();
        }
        if (user != null && !passwordSet) {
            problems.add(
                    USERNAME.key()
                            + " is set, so a password is needed too: set "
                            + PASSWORD_ENV.key()
                            + " or "
                            + PASSWORD_FILE.key()
                            + ".");
        }
        if (user == null && passwordSet) {
            problems.add("A password is configured but " + USERNAME.key() + " is not set.");
        }
        if (apiKey != null) {
            return new Credentials.ApiKey(apiKey);
        }
        if (user != null && password != null) {
            return new Credentials.Basic(user, password);
        }
        return new Credentials.None();
    }

    /** Reads a secret from the named environment variable or file; null when neither is set. */
    private static Secret secret(
            String envName,
            String file,
            String what,
            Function<String, String> env,
            List<String> problems) {
        if (envName != null && file != null) {
            problems.add(
                    "The " + what + " may come from an environment variable or a file, not both.");
            return null;
        }
        if (envName != null) {
            String value = env.apply(envName);
            if (value == null || value.isBlank()) {
                problems.add(
                        "The environment variable "
                                + envName
                                + " that should hold the "
                                + what
                                + " is not set or empty.");
                return null;
            }
            return new Secret(value.trim());
        }
        if (file != null) {
            try {
                List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.get(0).isBlank()) {
                    problems.add("The " + what + " file " + file + " is empty.");
                    return null;
                }
                return new Secret(lines.get(0).trim());
            } catch (IOException e) {
                // the exception text may quote file content in exotic cases; name the file only
                problems.add("The " + what + " file " + file + " cannot be read.");
                return null;
            }
        }
        return null;
    }
}
