package dev.runtrail.sampledata;

import dev.runtrail.sampledata.airflow.TaskLog;
import dev.runtrail.sampledata.windows.Logon;
import dev.runtrail.sampledata.windows.LogonSpec;
import dev.runtrail.sampledata.windows.SessionWriter;
import dev.runtrail.sampledata.windows.SessionWriter.Process;
import dev.runtrail.sampledata.world.Account;
import dev.runtrail.sampledata.world.Dag;
import dev.runtrail.sampledata.world.WindowsHost;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one attempt does on Windows, per transport: the hook's log lines and the Security records
 * they cause (logon, privileges, processes, logoff), plus the truth about which session it was.
 */
final class RemoteSide {
    private static final Process DCOM_LAUNCH =
            new Process("0x3a0", "C:\\Windows\\System32\\svchost.exe");
    private static final Process SSHD =
            new Process("0xb3c", "C:\\Windows\\System32\\OpenSSH\\sshd.exe");
    private static final String WSMPROVHOST = "C:\\Windows\\System32\\wsmprovhost.exe";
    private static final String CMD = "C:\\Windows\\System32\\cmd.exe";
    private static final String POWERSHELL =
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";

    /**
     * What the attempt left behind: linked sessions and processes (truth) and the error, if any.
     */
    record Result(List<Json> sessions, List<Json> processes, String failure) {}

    private final SimState state;
    private final Outputs out;
    private final SessionWriter windows;

    RemoteSide(SimState state, Outputs out) {
        this.state = state;
        this.out = out;
        this.windows = out.sessions;
    }

    Result execute(AttemptSpec a, TaskLog log, Instant connectAt, Instant end) throws IOException {
        return switch (a.run().dag().transport()) {
            case WINRM -> winrm(a, log, connectAt, end);
            case PSRP -> psrp(a, log, connectAt, end);
            case SSH -> ssh(a, log, connectAt, end);
            case WINDOWS_WORKER -> windowsWorker(a, log, connectAt, end);
        };
    }

    private Result winrm(AttemptSpec a, TaskLog log, Instant tc, Instant end) throws IOException {
        Dag dag = a.run().dag();
        String host = dag.remoteHostAsLogged();
        log.info(tc, "winrm.py:90", "Hook not found, creating...");
        log.info(
                tc, "base.py:83", "Using connection ID '" + dag.connId() + "' for task execution.");
        log.info(tc, "winrm.py:174", "Establishing WinRM connection to host: " + host);
        if (a.outcome() == Outcome.CONNECT_FAILURE) {
            String error =
                    "Error connecting to host: "
                            + host
                            + ", error: HTTPConnectionPool(host='"
                            + host
                            + "', port=5985): Read timed out. (read timeout=30)";
            log.line(tc.plusSeconds(30), "winrm.py:178", "ERROR", error);
            return new Result(List.of(), List.of(), error);
        }
        Instant logonAt = tc.plusMillis(state.between(80, 600));
        LogonSpec spec =
                LogonSpec.networkNtlm(a.worker().workstation(), a.worker().ip(), ephemeralPort());
        Logon logon = logon(a, dag.target(), logonAt, spec);
        Process host0 =
                windows.processForSession(
                        logon,
                        logonAt.plusMillis(300),
                        WSMPROVHOST,
                        "C:\\Windows\\system32\\wsmprovhost.exe -Embedding",
                        DCOM_LAUNCH);
        Instant cmdAt = logonAt.plusMillis(state.between(700, 1500));
        String command = command(a);
        log.info(cmdAt, "winrm.py:108", "Running command: '" + command + "'...");
        Process shell = commandProcess(logon, cmdAt, command, host0);
        child(a, logon, cmdAt, shell);
        injectInSession(a, logon, cmdAt, shell);
        log.info(end.minusMillis(400), "winrm.py:136", outputLine(a));
        String failure = null;
        if (a.outcome() == Outcome.REMOTE_FAILURE) {
            log.line(
                    end.minusMillis(300),
                    "winrm.py:138",
                    "WARNING",
                    "The operation failed: exit code 1");
            failure =
                    "Error running cmd: "
                            + command
                            + ", return code: 1, error: The operation failed: exit code 1";
        }
        logoff(logon, end.minusMillis(200));
        return new Result(
                List.of(TruthRecords.linkedSession(logon, TruthRecords.BY_HOST_ACCOUNT_IP)),
                List.of(),
                failure);
    }

    private Result psrp(AttemptSpec a, TaskLog log, Instant tc, Instant end) throws IOException {
        Dag dag = a.run().dag();
        log.info(
                tc, "base.py:83", "Using connection ID '" + dag.connId() + "' for task execution.");
        log.info(
                tc,
                "psrp.py:122",
                "Establishing WinRM connection "
                        + dag.connId()
                        + " to host: "
                        + dag.remoteHostAsLogged());
        if (a.outcome() == Outcome.CONNECT_FAILURE) {
            String error = "Process had one or more errors";
            log.line(
                    tc.plusSeconds(20),
                    "psrp.py:198",
                    "ERROR",
                    "Connection to " + dag.remoteHostAsLogged() + " failed: Kerberos auth failure");
            return new Result(List.of(), List.of(), error);
        }
        Instant logonAt = tc.plusMillis(state.between(80, 600));
        Logon logon =
                logon(
                        a,
                        dag.target(),
                        logonAt,
                        LogonSpec.networkKerberos(a.worker().ip(), ephemeralPort()));
        Process host0 =
                windows.processForSession(
                        logon,
                        logonAt.plusMillis(250),
                        WSMPROVHOST,
                        "C:\\Windows\\system32\\wsmprovhost.exe -Embedding",
                        DCOM_LAUNCH);
        Instant cmdAt = logonAt.plusMillis(state.between(900, 2000));
        log.info(
                cmdAt,
                "psrp.py:250",
                dag.target().netbios()
                        + " ("
                        + dag.account().qualified()
                        + "): Starting "
                        + a.task().taskId()
                        + (a.mapIndex() >= 0 ? " [" + a.mapIndex() + "]" : ""));
        if (a.inject().contains(AnomalyKind.EXPLICIT_CREDENTIALS)) {
            Account sqlBackup =
                    new Account(
                            "CORP", "svc_sqlbackup", state.world.domainSid() + "-1610", List.of());
            Instant at = cmdAt.plusMillis(400);
            windows.explicitCredentials(logon, at, sqlBackup, "localhost", host0);
            TruthRecords.anomaly(
                    out.truth,
                    AnomalyKind.EXPLICIT_CREDENTIALS,
                    "Invoke-Command -Credential CORP\\svc_sqlbackup inside " + a.task().taskId(),
                    a.run(),
                    List.of(TruthRecords.record(logon, 4648, logon.hostTime(at))));
        }
        child(a, logon, cmdAt, host0);
        injectInSession(a, logon, cmdAt, host0);
        log.info(
                end.minusMillis(300),
                "psrp.py:213",
                "Invocation state: " + (a.outcome() == Outcome.SUCCESS ? "Completed" : "Failed"));
        logoff(logon, end.minusMillis(200));
        String failure =
                a.outcome() == Outcome.REMOTE_FAILURE ? "Process had one or more errors" : null;
        return new Result(
                List.of(TruthRecords.linkedSession(logon, TruthRecords.BY_HOST_ACCOUNT_IP)),
                List.of(),
                failure);
    }

    private Result ssh(AttemptSpec a, TaskLog log, Instant tc, Instant end) throws IOException {
        Dag dag = a.run().dag();
        log.info(tc, "ssh.py:151", "Creating ssh_client");
        log.info(
                tc,
                "ssh.py:124",
                "ssh_hook is not provided or invalid. Trying ssh_conn_id to create SSHHook.");
        log.info(
                tc, "base.py:83", "Using connection ID '" + dag.connId() + "' for task execution.");
        log.line(
                tc,
                "ssh.py:301",
                "WARNING",
                "No Host Key Verification. This won't protect against Man-In-The-Middle attacks");
        if (a.outcome() == Outcome.CONNECT_FAILURE) {
            log.line(
                    tc.plusSeconds(10),
                    "ssh.py:329",
                    "WARNING",
                    "Failed to connect. Sleeping before retry attempt 1");
            return new Result(
                    List.of(), List.of(), "SSH operator error: [Errno 110] Connection timed out");
        }
        Instant connected = tc.plusMillis(state.between(30, 120));
        log.info(
                connected,
                "transport.py:1909",
                "Connected (version 2.0, client OpenSSH_for_Windows_8.1)");
        Instant logonAt = connected.plusMillis(state.between(100, 400));
        Logon logon = logon(a, dag.target(), logonAt, LogonSpec.sshPassword(dag.target()));
        log.info(
                logonAt.plusMillis(150),
                "transport.py:1909",
                "Authentication (password) successful!");
        Instant cmdAt = logonAt.plusMillis(state.between(300, 800));
        String command = command(a);
        log.info(cmdAt, "ssh.py:480", "Running command: " + command);
        Process shell =
                windows.process(
                        logon, cmdAt, CMD, "c:\\windows\\system32\\cmd.exe /c " + command, SSHD);
        child(a, logon, cmdAt, shell);
        injectInSession(a, logon, cmdAt, shell);
        log.info(end.minusMillis(400), "ssh.py:526", outputLine(a));
        logoff(logon, end.minusMillis(200));
        String failure =
                a.outcome() == Outcome.REMOTE_FAILURE
                        ? "SSH operator error: exit status = 1"
                        : null;
        return new Result(
                List.of(TruthRecords.linkedSession(logon, TruthRecords.BY_HOST_ACCOUNT_TIME)),
                List.of(),
                failure);
    }

    private Result windowsWorker(AttemptSpec a, TaskLog log, Instant tc, Instant end)
            throws IOException {
        Logon service = state.workerService;
        Dag dag = a.run().dag();
        String python = "C:\\Program Files\\Python311\\python.exe";
        String airflowExe = "C:\\Program Files\\Python311\\Scripts\\airflow.exe";
        String mapArg = a.mapIndex() >= 0 ? " --map-index " + a.mapIndex() : "";
        String identity =
                " tasks run " + dag.dagId() + " " + a.task().taskId() + " " + a.run().runId();
        Instant localAt = a.start().minusMillis(state.between(300, 900));
        Process local =
                windows.process(
                        service,
                        localAt,
                        airflowExe,
                        "\""
                                + airflowExe
                                + "\""
                                + identity
                                + " --local --subdir DAGS_FOLDER\\"
                                + dag.fileName()
                                + mapArg,
                        state.celery);
        Process raw =
                windows.process(
                        service,
                        a.start().plusMillis(200),
                        python,
                        "\""
                                + python
                                + "\" \""
                                + airflowExe
                                + "\""
                                + identity
                                + " --job-id "
                                + out.jobId
                                + " --raw --subdir DAGS_FOLDER\\"
                                + dag.fileName()
                                + mapArg,
                        local);
        String command = command(a);
        Process shell = commandProcess(service, tc, command, raw);
        child(a, service, tc, shell);
        log.info(tc.plusSeconds(2), "logging_mixin.py:188", outputLine(a));
        String failure = null;
        if (a.failed()) {
            failure = "Command '" + command + "' returned non-zero exit status 1.";
        } else {
            log.info(end.minusMillis(300), "python.py:201", "Done. Returned value was: None");
        }
        List<Json> processes = new ArrayList<>();
        processes.add(processRef(service, local, localAt));
        processes.add(processRef(service, raw, a.start().plusMillis(200)));
        return new Result(
                List.of(TruthRecords.linkedSession(service, TruthRecords.BY_COMMAND_LINE)),
                processes,
                failure);
    }

    private Json processRef(Logon session, Process process, Instant trueTime) {
        return Json.object()
                .put("host", session.host().fqdn())
                .put("pid", process.pid())
                .put(
                        "time",
                        dev.runtrail.sampledata.windows.WevtutilXmlWriter.systemTime(
                                session.hostTime(trueTime)));
    }

    private Logon logon(AttemptSpec a, WindowsHost host, Instant at, LogonSpec spec)
            throws IOException {
        Account account = a.run().dag().account();
        List<String> privileges = new ArrayList<>(account.privileges());
        boolean unexpected = a.inject().contains(AnomalyKind.UNEXPECTED_PRIVILEGE);
        if (unexpected) {
            privileges.add(Math.min(privileges.size(), 1), "SeDebugPrivilege");
        }
        boolean privilegesFirst = !privileges.isEmpty() && state.chance(0.25);
        Logon logon = windows.logon(host, at, account, spec, privileges, privilegesFirst);
        if (unexpected) {
            TruthRecords.anomaly(
                    out.truth,
                    AnomalyKind.UNEXPECTED_PRIVILEGE,
                    "SeDebugPrivilege granted to "
                            + account.qualified()
                            + ", which this DAG never had",
                    a.run(),
                    List.of(TruthRecords.record(logon, 4672, logon.privilegesTime())));
        }
        return logon;
    }

    private void logoff(Logon logon, Instant at) {
        // Some sessions never log off (the connection dropped, or the 4634 was never written).
        if (!state.chance(0.07)) {
            windows.logoff(logon, at);
        }
    }

    private Process commandProcess(Logon logon, Instant at, String command, Process parent) {
        String image = command.startsWith("powershell") ? POWERSHELL : CMD;
        return windows.process(logon, at, image, command, parent);
    }

    private void child(AttemptSpec a, Logon logon, Instant cmdAt, Process parent) {
        String image = a.task().childImage();
        if (image == null) {
            return;
        }
        String args =
                image.endsWith("SQLCMD.EXE")
                        ? " -S localhost -E -b -i C:\\etl\\" + a.task().taskId() + ".sql"
                        : image.endsWith("certutil.exe")
                                ? " -verify C:\\deploy\\app.cer"
                                : " /NJH /NP";
        windows.process(
                logon,
                cmdAt.plusMillis(state.between(500, 3000)),
                image,
                "\"" + image + "\"" + args,
                parent);
    }

    private void injectInSession(AttemptSpec a, Logon logon, Instant at, Process parent)
            throws IOException {
        if (a.inject().contains(AnomalyKind.ACCOUNT_CHANGE_BY_RUN_ACCOUNT)) {
            new AccountChange(windows, out.truth).inject(a.run(), logon, at.plusSeconds(5), parent);
        }
    }

    private String command(AttemptSpec a) {
        String base = a.task().command();
        return a.mapIndex() >= 0
                ? base + (base.contains(".ps1") ? " -Partition " : " ") + a.mapIndex()
                : base;
    }

    private String outputLine(AttemptSpec a) {
        return switch (a.task().taskId()) {
            case "extract_orders" ->
                    "Extracted " + state.between(1000, 90000) + " rows from dbo.Orders";
            case "load_partition" ->
                    "Loaded partition " + a.mapIndex() + ": " + state.between(100, 9000) + " rows";
            case "purge_temp" -> "Removed " + state.between(3, 400) + " files";
            case "archive_logs" ->
                    "   Files :       " + state.between(5, 80) + "         0         0";
            default -> a.task().taskId() + " finished";
        };
    }

    private int ephemeralPort() {
        return (int) state.between(49152, 65535);
    }
}
