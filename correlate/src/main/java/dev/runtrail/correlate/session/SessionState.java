package dev.runtrail.correlate.session;

import dev.runtrail.correlate.Times;
import dev.runtrail.model.EcsDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * What is known about one logon session instance (host, logon id, logon time), plus the events of
 * its logon id that arrived before the 4624. A Flink POJO: public fields, no-arg constructor. Times
 * are epoch millis, {@link Times#NONE} when unknown.
 */
public class SessionState {
    /** Normalized host (first DNS label, lower case). */
    public String host;

    /** Host name as the events wrote it; the FQDN wins over a short name. */
    public String hostName;

    /** Normalized logon id. */
    public String logonId;

    public long logonTime = Times.NONE;
    public long endTime = Times.NONE;
    public long lastSeen = Times.NONE;
    public String closeReason;

    public String userName;
    public String userDomain;
    public String userId;
    public String logonType;
    public String sourceIp;
    public String workstation;
    public String authPackage;
    public String linkedLogonId;
    public String elevatedToken;

    public List<String> privileges = new ArrayList<>();
    public List<ProcessInfo> processes = new ArrayList<>();
    public int processesDropped;
    public List<String> explicitCredentials = new ArrayList<>();
    public List<String> changes = new ArrayList<>();

    /** Events seen before the 4624, waiting for it. */
    public List<EcsDocument> pending = new ArrayList<>();

    public long pendingSince = Times.NONE;

    /** Earliest time of a change not yet emitted as a snapshot; NONE when nothing is due. */
    public long emitDue = Times.NONE;

    /** Snapshots emitted so far for this instance. */
    public long sequence;

    public SessionState() {}

    public boolean opened() {
        return logonTime != Times.NONE;
    }

    public boolean closed() {
        return endTime != Times.NONE;
    }

    /** Nothing worth keeping: the operator may clear its state. */
    public boolean isEmpty() {
        return !opened() && pending.isEmpty();
    }
}
