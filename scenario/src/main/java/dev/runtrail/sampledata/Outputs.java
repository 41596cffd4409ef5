package dev.runtrail.sampledata;

import dev.runtrail.sampledata.airflow.AuditLog;
import dev.runtrail.sampledata.airflow.DagRunExport;
import dev.runtrail.sampledata.proxy.ProxyLog;
import dev.runtrail.sampledata.truth.Truth;
import dev.runtrail.sampledata.windows.SecurityLog;
import dev.runtrail.sampledata.windows.SessionWriter;
import dev.runtrail.sampledata.world.Human;
import dev.runtrail.sampledata.world.WindowsHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Every sink one generation writes to, and the counters of what went where. */
final class Outputs {
    /** Slack for the most negative host clock (skew -60 s, jitter -0.25 s) plus a margin. */
    static final Duration FLUSH_SLACK = Duration.ofSeconds(65);

    final Path logsDir;
    final Map<WindowsHost, SecurityLog> securityLogs;
    final SessionWriter sessions;
    final ProxyLog proxy;
    final AuditLog audit;
    final DagRunExport dagRuns;
    final Truth truth;
    long logFiles;
    long logLines;
    long linkedSessions;
    long jobId = 1000;

    Outputs(
            Path logsDir,
            Map<WindowsHost, SecurityLog> securityLogs,
            SessionWriter sessions,
            ProxyLog proxy,
            AuditLog audit,
            DagRunExport dagRuns,
            Truth truth) {
        this.logsDir = logsDir;
        this.securityLogs = securityLogs;
        this.sessions = sessions;
        this.proxy = proxy;
        this.audit = audit;
        this.dagRuns = dagRuns;
        this.truth = truth;
    }

    /** Writes out everything no activity starting at {@code nextStart} (true time) can precede. */
    /** A request of a signed-in person through the proxy to Airflow's web server. */
    void airflowRequest(
            Human human,
            String userAgent,
            Instant time,
            String requestId,
            String method,
            String uri,
            int status,
            int size,
            double seconds) {
        proxy.request(
                time,
                human.ip(),
                requestId,
                human.email(),
                method,
                "/",
                uri,
                userAgent,
                status,
                size,
                seconds);
    }

    void flushBefore(Instant nextStart) throws IOException {
        Instant watermark = nextStart.minus(FLUSH_SLACK);
        for (SecurityLog log : securityLogs.values()) {
            log.flushBefore(watermark);
        }
        proxy.flushBefore(watermark);
        audit.flushBefore(watermark);
    }

    long windowsEvents() {
        return securityLogs.values().stream().mapToLong(SecurityLog::written).sum();
    }
}
