package dev.runtrail.correlate;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Immutable correlation settings, read once from {@link CorrelationOptions}. Durations are kept as
 * milliseconds because the state machines compute in epoch millis.
 */
public record CorrelationSettings(
        long sessionTtl,
        long pendingWait,
        long preLogonSlack,
        long closedRetention,
        int maxProcesses,
        int maxPending,
        long attemptLinger,
        long attemptTtl,
        long skewTolerance,
        long tieMargin,
        long linkRetention,
        Map<String, String> workerIps,
        Map<String, String> connectionLogins,
        Map<String, String> connectionHosts,
        long triggerTolerance,
        long runLinger,
        long runTtl,
        long outOfOrderness,
        boolean assignWatermarks)
        implements Serializable {

    public CorrelationSettings {
        requirePositive("correlation.session.ttl", sessionTtl);
        requirePositive("correlation.session.pending-wait", pendingWait);
        requirePositive("correlation.attempt.ttl", attemptTtl);
        requirePositive("correlation.run.ttl", runTtl);
        if (maxProcesses < 0 || maxPending < 0) {
            throw new IllegalArgumentException(
                    "correlation.session.max-processes and max-pending must not be negative.");
        }
        if (linkRetention < closedRetention) {
            throw new IllegalArgumentException(
                    "correlation.link.retention ("
                            + Duration.ofMillis(linkRetention)
                            + ") must be at least correlation.session.closed-retention ("
                            + Duration.ofMillis(closedRetention)
                            + "), or the linker would forget sessions that can still change.");
        }
        Map<String, String> ips = new HashMap<>();
        workerIps.forEach((host, ip) -> ips.put(Names.host(host), ip.trim()));
        workerIps = Map.copyOf(ips);
        connectionLogins = Map.copyOf(connectionLogins);
        connectionHosts = Map.copyOf(connectionHosts);
    }

    /** Settings from a Flink configuration; unset options take their defaults. */
    public static CorrelationSettings from(ReadableConfig c) {
        return new CorrelationSettings(
                ms(c.get(CorrelationOptions.SESSION_TTL)),
                ms(c.get(CorrelationOptions.SESSION_PENDING_WAIT)),
                ms(c.get(CorrelationOptions.SESSION_PRE_LOGON_SLACK)),
                ms(c.get(CorrelationOptions.SESSION_CLOSED_RETENTION)),
                c.get(CorrelationOptions.SESSION_MAX_PROCESSES),
                c.get(CorrelationOptions.SESSION_MAX_PENDING),
                ms(c.get(CorrelationOptions.ATTEMPT_LINGER)),
                ms(c.get(CorrelationOptions.ATTEMPT_TTL)),
                ms(c.get(CorrelationOptions.CLOCK_SKEW_TOLERANCE)),
                ms(c.get(CorrelationOptions.TIE_MARGIN)),
                ms(c.get(CorrelationOptions.LINK_RETENTION)),
                c.get(CorrelationOptions.WORKER_IPS),
                c.get(CorrelationOptions.CONNECTION_LOGINS),
                c.get(CorrelationOptions.CONNECTION_HOSTS),
                ms(c.get(CorrelationOptions.TRIGGER_TOLERANCE)),
                ms(c.get(CorrelationOptions.RUN_LINGER)),
                ms(c.get(CorrelationOptions.RUN_TTL)),
                ms(c.get(CorrelationOptions.OUT_OF_ORDERNESS)),
                c.get(CorrelationOptions.ASSIGN_WATERMARKS));
    }

    /** All defaults. */
    public static CorrelationSettings defaults() {
        return from(new Configuration());
    }

    /** The worker's IP address from configuration, or null. */
    public String workerIp(String normalizedHost) {
        return normalizedHost == null ? null : workerIps.get(normalizedHost);
    }

    /** The login of an Airflow connection from configuration, or null. */
    public String connectionLogin(String connId) {
        return connId == null ? null : connectionLogins.get(connId);
    }

    /** The host of an Airflow connection from configuration, or null. */
    public String connectionHost(String connId) {
        return connId == null ? null : connectionHosts.get(connId);
    }

    /** A copy with other worker addresses and connections (e.g. read from files). */
    public CorrelationSettings withInventory(
            Map<String, String> newWorkerIps, ConnectionInventory connections) {
        return new CorrelationSettings(
                sessionTtl,
                pendingWait,
                preLogonSlack,
                closedRetention,
                maxProcesses,
                maxPending,
                attemptLinger,
                attemptTtl,
                skewTolerance,
                tieMargin,
                linkRetention,
                newWorkerIps,
                connections.logins(),
                connections.hosts(),
                triggerTolerance,
                runLinger,
                runTtl,
                outOfOrderness,
                assignWatermarks);
    }

    private static long ms(Duration d) {
        return d.toMillis();
    }

    private static void requirePositive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be a positive duration.");
        }
    }
}
