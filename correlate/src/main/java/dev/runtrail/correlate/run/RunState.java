package dev.runtrail.correlate.run;

import dev.runtrail.correlate.Times;

/** What is known about one DAG run and who triggered it. A Flink POJO; times in epoch millis. */
public class RunState {
    public String runKey;
    public String dagId;
    public String runId;
    public String runType;
    public String logicalDate;
    public String state;
    public long created = Times.NONE;
    public long start = Times.NONE;
    public long end = Times.NONE;
    public long lastSeen = Times.NONE;

    /** Earliest attempt start: the fallback anchor when Airflow's run export is missing. */
    public long firstAttempt = Times.NONE;

    public String triggeredBy;
    public String triggeringUser;

    /** Owner of an event-log trigger entry naming this run. */
    public String auditUser;

    /** The proxy claim matched to this run. */
    public String claimId;

    public String proxyUser;
    public String proxyEmail;
    public String proxyIp;
    public long proxyTime = Times.NONE;
    public boolean exactClaim;

    /** Set once the trigger tolerance after the anchor has passed. */
    public boolean decided;

    /** The record's index-routing time, fixed at its first revision. */
    public long keyTime = Times.NONE;

    public boolean dirty;
    public long revision;

    /** {@link RunMachine#runIdTime} of the run id, once parsed; not state (rebuilt when read). */
    private transient long idTime;

    private transient boolean idTimeParsed;

    public RunState() {}

    /** The time in the run id, parsed once: the anchor of a run without a creation time. */
    long runIdTime() {
        if (!idTimeParsed) {
            idTime = RunMachine.runIdTime(runId);
            idTimeParsed = true;
        }
        return idTime;
    }

    public boolean terminal() {
        return "success".equals(state) || "failed".equals(state);
    }
}
