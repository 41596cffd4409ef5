package dev.runtrail.sampledata;

import dev.runtrail.sampledata.windows.Logon;
import dev.runtrail.sampledata.windows.LogonSpec;
import dev.runtrail.sampledata.windows.SessionWriter;
import dev.runtrail.sampledata.windows.SessionWriter.Process;
import dev.runtrail.sampledata.world.Account;
import dev.runtrail.sampledata.world.Human;
import dev.runtrail.sampledata.world.WindowsHost;
import dev.runtrail.sampledata.world.Worker;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An injected anomaly that is not part of any run: its sessions are noise in truth, and flagged.
 */
final class AnomalyActivity implements Activity {
    private static final Process DCOM_LAUNCH =
            new Process("0x3a0", "C:\\Windows\\System32\\svchost.exe");

    private final Instant start;
    private final AnomalyKind kind;
    private final WindowsHost host;
    private final Account account;
    private final Worker worker;
    private final Human human;
    private final SimState state;
    private final boolean console;

    AnomalyActivity(
            Instant start,
            AnomalyKind kind,
            WindowsHost host,
            Account account,
            Worker worker,
            Human human,
            SimState state,
            boolean console) {
        this.start = start;
        this.kind = kind;
        this.host = host;
        this.account = account;
        this.worker = worker;
        this.human = human;
        this.state = state;
        this.console = console;
    }

    @Override
    public Instant start() {
        return start;
    }

    @Override
    public void perform(Outputs out) throws IOException {
        SessionWriter w = out.sessions;
        switch (kind) {
            case ORPHAN_SERVICE_SESSION -> orphan(out, w);
            case INTERACTIVE_SERVICE_LOGON -> interactive(out, w);
            case AUDIT_LOG_CLEARED -> logClear(out, w);
            default -> throw new IllegalStateException("Not a stand-alone anomaly: " + kind + ".");
        }
    }

    private void orphan(Outputs out, SessionWriter w) throws IOException {
        LogonSpec spec =
                LogonSpec.networkNtlm(
                        worker.workstation(), worker.ip(), (int) state.between(49152, 65535));
        Logon logon = w.logon(host, start, account, spec, account.privileges(), false);
        Process provider =
                w.processForSession(
                        logon,
                        start.plusMillis(300),
                        "C:\\Windows\\System32\\wsmprovhost.exe",
                        "C:\\Windows\\system32\\wsmprovhost.exe -Embedding",
                        DCOM_LAUNCH);
        w.process(
                logon,
                start.plusSeconds(2),
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                "powershell.exe -NoProfile -Command \"Get-ChildItem C:\\etl -Recurse | Compress-Archive -DestinationPath C:\\Users\\Public\\e.zip\"",
                provider);
        w.logoff(logon, start.plusSeconds(state.between(30, 60)));
        TruthRecords.noise(out.truth, logon, "orphan_service");
        TruthRecords.anomaly(
                out.truth,
                kind,
                account.qualified()
                        + " logged on from "
                        + worker.hostname()
                        + " with no task attempt running",
                null,
                List.of(TruthRecords.record(logon, 4624, logon.time())));
    }

    private void interactive(Outputs out, SessionWriter w) throws IOException {
        // Either over RDP from a desk, or at the console (type 2) of the server itself.
        String ip = console ? "127.0.0.1" : "10.20.3.77";
        LogonSpec spec =
                console ? LogonSpec.interactive(host) : LogonSpec.remoteInteractive(host, ip);
        Logon logon = w.logon(host, start, account, spec, account.privileges(), false);
        Process explorer = w.explorer(logon, start.plusSeconds(3));
        w.process(
                logon,
                start.plusSeconds(40),
                "C:\\Windows\\System32\\cmd.exe",
                "\"C:\\Windows\\system32\\cmd.exe\" ",
                explorer);
        w.logoff(logon, start.plusSeconds(state.between(600, 1800)));
        TruthRecords.noise(out.truth, logon, "interactive_service");
        TruthRecords.anomaly(
                out.truth,
                kind,
                account.qualified()
                        + (console
                                ? " logged on at the console"
                                : " logged on over RDP from " + ip),
                null,
                List.of(TruthRecords.record(logon, 4624, logon.time())));
    }

    private void logClear(Outputs out, SessionWriter w) throws IOException {
        Account admin = human.windowsAccount();
        Logon logon =
                w.logon(
                        host,
                        start,
                        admin,
                        LogonSpec.remoteInteractive(host, human.ip()),
                        admin.privileges(),
                        false);
        Instant clearedAt = start.plusSeconds(state.between(60, 240));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("SubjectUserSid", admin.sid());
        fields.put("SubjectUserName", admin.name());
        fields.put("SubjectDomainName", admin.domain());
        fields.put("SubjectLogonId", logon.logonId());
        w.record(logon, clearedAt, 1102, fields);
        w.logoff(logon, clearedAt.plusSeconds(state.between(20, 120)));
        TruthRecords.noise(out.truth, logon, NoiseKind.HUMAN_RDP.key());
        TruthRecords.anomaly(
                out.truth,
                kind,
                admin.qualified() + " cleared the Security log on " + host.netbios(),
                null,
                List.of(TruthRecords.record(logon, 1102, logon.hostTime(clearedAt))));
    }
}
