package dev.runtrail.sampledata.world;

import java.util.List;

/**
 * A DAG: a chain of tasks run through one transport on one target host as one service account.
 * {@code scheduleMinutes} 0 means manual only. {@code remoteHostAsLogged} is the host name as the
 * connection holds it (NetBIOS, lower-case, FQDN) — deliberately not always the Security log's
 * form.
 */
public record Dag(
        String dagId,
        String owner,
        Transport transport,
        WindowsHost target,
        String remoteHostAsLogged,
        Account account,
        String connLogin,
        String connId,
        int scheduleMinutes,
        int scheduleOffsetMinutes,
        int retries,
        List<TaskDef> tasks,
        double manualPerDay) {

    public Dag {
        tasks = List.copyOf(tasks);
    }

    public String fileName() {
        return dagId + ".py";
    }
}
