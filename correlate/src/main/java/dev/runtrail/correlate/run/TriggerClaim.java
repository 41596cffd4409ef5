package dev.runtrail.correlate.run;

import dev.runtrail.correlate.Times;

/**
 * A record that someone triggered a DAG: a proxy request ({@link #PROXY}, the authenticated user)
 * or an Airflow event-log entry without a run id ({@link #AUDIT}). A Flink POJO.
 */
public class TriggerClaim {
    public static final String PROXY = "proxy";
    public static final String AUDIT = "audit";

    public String id;
    public String source;
    public String user;
    public String email;
    public String sourceIp;

    /** Run id when the request path named one. */
    public String runId;

    public long time = Times.NONE;

    /** Run key of the run this proxy claim was matched to, or null. */
    public String claimedBy;

    public TriggerClaim() {}
}
