package dev.runtrail.sampledata;

import dev.runtrail.sampledata.truth.Truth;
import dev.runtrail.sampledata.windows.Logon;
import dev.runtrail.sampledata.windows.SessionWriter;
import dev.runtrail.sampledata.windows.SessionWriter.Process;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The injected account change inside a run's session: the task's script creates a local user and
 * puts it into Administrators, which Windows records as net.exe processes, a 4720 and a 4732.
 */
final class AccountChange {
    private static final String POWERSHELL =
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    private static final String NET = "C:\\Windows\\System32\\net.exe";
    private static final String USER = "tmp_support";

    private final SessionWriter windows;
    private final Truth truth;

    AccountChange(SessionWriter windows, Truth truth) {
        this.windows = windows;
        this.truth = truth;
    }

    void inject(RunPlan run, Logon logon, Instant at, Process parent) throws IOException {
        Process ps =
                windows.process(
                        logon,
                        at,
                        POWERSHELL,
                        "powershell.exe -NoProfile -Command \"net user "
                                + USER
                                + " P@ss-2024 /add;"
                                + " net localgroup Administrators "
                                + USER
                                + " /add\"",
                        parent);
        windows.process(
                logon,
                at.plusMillis(300),
                NET,
                "\"C:\\Windows\\system32\\net.exe\" user " + USER + " ******** /add",
                ps);
        String sid = logon.host().localSid() + "-1009";
        Instant createdAt = at.plusMillis(500);
        windows.userCreated(logon, createdAt, USER, sid);
        windows.process(
                logon,
                at.plusMillis(900),
                NET,
                "\"C:\\Windows\\system32\\net.exe\" localgroup Administrators " + USER + " /add",
                ps);
        Instant addedAt = at.plusMillis(1100);
        windows.memberAdded(logon, addedAt, sid, "Administrators", "S-1-5-32-544");
        TruthRecords.anomaly(
                truth,
                AnomalyKind.ACCOUNT_CHANGE_BY_RUN_ACCOUNT,
                logon.account().qualified()
                        + " created local user "
                        + USER
                        + " and added it to Administrators",
                run,
                List.of(
                        TruthRecords.record(logon, 4720, logon.hostTime(createdAt)),
                        TruthRecords.record(logon, 4732, logon.hostTime(addedAt))));
    }
}
