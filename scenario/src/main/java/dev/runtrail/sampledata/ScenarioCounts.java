package dev.runtrail.sampledata;

/** What one generation wrote, for the CLI summary and the benchmarks. */
public record ScenarioCounts(
        long runs,
        long attempts,
        long linkedSessions,
        long noiseSessions,
        long anomalies,
        long airflowLogFiles,
        long airflowLogLines,
        long windowsEvents,
        long proxyLines,
        long auditRecords) {

    /**
     * Every record written to a source file (log lines, Windows events, proxy lines, audit
     * records).
     */
    public long totalEvents() {
        return airflowLogLines + windowsEvents + proxyLines + auditRecords;
    }
}
