package dev.runtrail.correlate.attempt;

import dev.runtrail.correlate.Times;

/** A host an attempt connected to (WinRM, PSRP, SSH, MSSQL hook). A Flink POJO. */
public class RemoteTarget {
    /** Host as the hook logged it. */
    public String rawHost;

    /** Normalized host name (or IP literal). */
    public String host;

    public String ip;

    /** Normalized account ({@code user@domain}) the hook logged, or null. */
    public String account;

    public String connId;

    /** First time the attempt logged connecting there. */
    public long connectTime = Times.NONE;

    public RemoteTarget() {}
}
