package dev.runtrail.correlate;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Configuration of the correlation stage; read once into {@link CorrelationSettings}. */
public final class CorrelationOptions {
    private CorrelationOptions() {}

    public static final ConfigOption<Duration> SESSION_TTL =
            ConfigOptions.key("correlation.session.ttl")
                    .durationType()
                    .defaultValue(Duration.ofHours(12))
                    .withDescription(
                            "A session without logoff is closed when no event of it was seen for"
                                    + " this long.");

    public static final ConfigOption<Duration> SESSION_PENDING_WAIT =
            ConfigOptions.key("correlation.session.pending-wait")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "How long events of a logon id wait for their 4624 (4672 is often"
                                    + " logged first); after that they are emitted without a"
                                    + " session.");

    public static final ConfigOption<Duration> SESSION_PRE_LOGON_SLACK =
            ConfigOptions.key("correlation.session.pre-logon-slack")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Events up to this long before a 4624 still belong to it; older ones"
                                    + " belong to an earlier session with the same logon id.");

    public static final ConfigOption<Duration> SESSION_CLOSED_RETENTION =
            ConfigOptions.key("correlation.session.closed-retention")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How long a closed session is kept so late events still update it.");

    public static final ConfigOption<Integer> SESSION_MAX_PROCESSES =
            ConfigOptions.key("correlation.session.max-processes")
                    .intType()
                    .defaultValue(32)
                    .withDescription("Processes kept per session; more are counted, not kept.");

    public static final ConfigOption<Integer> SESSION_MAX_PENDING =
            ConfigOptions.key("correlation.session.max-pending")
                    .intType()
                    .defaultValue(64)
                    .withDescription("Events buffered per logon id while waiting for its 4624.");

    public static final ConfigOption<Duration> ATTEMPT_LINGER =
            ConfigOptions.key("correlation.attempt.linger")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How long a finished attempt is kept for late lines and links.");

    public static final ConfigOption<Duration> ATTEMPT_TTL =
            ConfigOptions.key("correlation.attempt.ttl")
                    .durationType()
                    .defaultValue(Duration.ofHours(12))
                    .withDescription(
                            "An attempt never seen finishing is dropped after this idle time.");

    public static final ConfigOption<Duration> CLOCK_SKEW_TOLERANCE =
            ConfigOptions.key("correlation.link.clock-skew-tolerance")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(120))
                    .withDescription(
                            "How far a logon may fall outside an attempt's window (clocks of"
                                    + " workers and Windows hosts disagree).");

    public static final ConfigOption<Duration> TIE_MARGIN =
            ConfigOptions.key("correlation.link.tie-margin")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription(
                            "Two candidate attempts closer than this to a logon are a tie: the"
                                    + " session is marked ambiguous instead of guessed.");

    public static final ConfigOption<Duration> LINK_RETENTION =
            ConfigOptions.key("correlation.link.retention")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "How long the linker keeps closed sessions and finished attempts for"
                                    + " late facts; keep it above the session and attempt"
                                    + " retention.");

    public static final ConfigOption<Map<String, String>> WORKER_IPS =
            ConfigOptions.key("correlation.link.worker-ips")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Worker host name to IP address, for workers whose logs do not carry"
                                    + " their address (e.g. worker-1:10.0.0.5,worker-2:10.0.0.6).");

    public static final ConfigOption<Map<String, String>> CONNECTION_LOGINS =
            ConfigOptions.key("correlation.link.connection-logins")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Airflow connection id to its login, for hooks that log the"
                                    + " connection but not the account (see"
                                    + " ConnectionLogins.fromExport for `airflow connections"
                                    + " export` files).");

    public static final ConfigOption<Map<String, String>> CONNECTION_HOSTS =
            ConfigOptions.key("correlation.link.connection-hosts")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Airflow connection id to its host, for hooks that never log the host"
                                    + " they connect to (the SSH hook logs only the connection"
                                    + " id).");

    public static final ConfigOption<Duration> TRIGGER_TOLERANCE =
            ConfigOptions.key("correlation.run.trigger-tolerance")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(120))
                    .withDescription(
                            "How far a trigger request may be from the run's creation time.");

    public static final ConfigOption<Duration> RUN_LINGER =
            ConfigOptions.key("correlation.run.linger")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription("How long a finished run is kept for late facts.");

    public static final ConfigOption<Duration> RUN_TTL =
            ConfigOptions.key("correlation.run.ttl")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription("A run never seen finishing is dropped after this idle time.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            ConfigOptions.key("correlation.watermark.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("Bounded out-of-orderness of the event-time watermark.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("correlation.watermark.idleness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "After this long without records a source split stops holding back"
                                    + " the watermark. Until then, in a stream, the last events of"
                                    + " a quiet source and the records they complete wait for"
                                    + " later ones.");

    public static final ConfigOption<Boolean> ASSIGN_WATERMARKS =
            ConfigOptions.key("correlation.watermark.assign")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Assign timestamps from @timestamp and watermarks in the correlation"
                                    + " stage; turn off when the source already does.");
}
