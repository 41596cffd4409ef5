package dev.runtrail.correlate.session;

import dev.runtrail.correlate.StringPool;
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

    /**
     * A copy for the linker: what a snapshot shows, without the waiting events. Lists are copied
     * (the builder goes on changing its own); their elements are never changed in place.
     */
    public SessionState copyForLink() {
        SessionState c = new SessionState();
        c.host = host;
        c.hostName = hostName;
        c.logonId = logonId;
        c.logonTime = logonTime;
        c.endTime = endTime;
        c.lastSeen = lastSeen;
        c.closeReason = closeReason;
        c.userName = userName;
        c.userDomain = userDomain;
        c.userId = userId;
        c.logonType = logonType;
        c.sourceIp = sourceIp;
        c.workstation = workstation;
        c.authPackage = authPackage;
        c.linkedLogonId = linkedLogonId;
        c.elevatedToken = elevatedToken;
        c.privileges = new ArrayList<>(privileges);
        c.processes = new ArrayList<>(processes);
        c.processesDropped = processesDropped;
        c.explicitCredentials = new ArrayList<>(explicitCredentials);
        c.changes = new ArrayList<>(changes);
        c.pendingSince = Times.NONE;
        c.emitDue = emitDue;
        c.sequence = sequence;
        return c;
    }

    /**
     * Makes a copy that is only read from now on (the linker's) small on the heap: the strings that
     * repeat from session to session (host, account, logon facts, privileges, programs) become the
     * pool's instances, unique ones (logon id, command lines) stay; empty lists become the shared
     * empty list.
     */
    public void compactForReading(StringPool pool) {
        host = pool.intern(host);
        hostName = pool.intern(hostName);
        closeReason = pool.intern(closeReason);
        userName = pool.intern(userName);
        userDomain = pool.intern(userDomain);
        userId = pool.intern(userId);
        logonType = pool.intern(logonType);
        sourceIp = pool.intern(sourceIp);
        workstation = pool.intern(workstation);
        authPackage = pool.intern(authPackage);
        elevatedToken = pool.intern(elevatedToken);
        privileges.replaceAll(pool::intern);
        for (ProcessInfo p : processes) {
            p.executable = pool.intern(p.executable);
        }
        privileges = sharedIfEmpty(privileges);
        processes = sharedIfEmpty(processes);
        explicitCredentials = sharedIfEmpty(explicitCredentials);
        changes = sharedIfEmpty(changes);
        pending = sharedIfEmpty(pending);
    }

    private static <T> List<T> sharedIfEmpty(List<T> list) {
        return list.isEmpty() ? List.of() : list;
    }

    /** Nothing worth keeping: the operator may clear its state. */
    public boolean isEmpty() {
        return !opened() && pending.isEmpty();
    }
}
