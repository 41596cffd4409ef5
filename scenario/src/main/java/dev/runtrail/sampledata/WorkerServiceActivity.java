package dev.runtrail.sampledata;

import dev.runtrail.sampledata.windows.Logon;
import dev.runtrail.sampledata.windows.LogonSpec;
import dev.runtrail.sampledata.windows.SessionWriter;
import dev.runtrail.sampledata.windows.SessionWriter.Process;
import dev.runtrail.sampledata.world.Account;
import dev.runtrail.sampledata.world.WindowsHost;
import java.io.IOException;
import java.time.Instant;

/**
 * The nightly restart of the Celery worker service on the Windows worker: the old service session
 * logs off, a new service logon (type 5) starts, and the worker process every task runs under.
 */
final class WorkerServiceActivity implements Activity {
    private static final Process NSSM = new Process("0x9f4", "C:\\Program Files\\nssm\\nssm.exe");

    private final Instant start;
    private final SimState state;

    WorkerServiceActivity(Instant start, SimState state) {
        this.start = start;
        this.state = state;
    }

    @Override
    public Instant start() {
        return start;
    }

    @Override
    public void perform(Outputs out) throws IOException {
        SessionWriter w = out.sessions;
        if (state.workerService != null) {
            w.logoff(state.workerService, start);
        }
        WindowsHost host = state.world.windowsWorkerHost();
        Account account = state.world.svcAirflow();
        Instant logonAt = start.plusSeconds(4);
        Logon logon =
                w.logon(host, logonAt, account, LogonSpec.service(), account.privileges(), false);
        state.workerService = logon;
        state.celery =
                w.process(
                        logon,
                        logonAt.plusMillis(800),
                        "C:\\Program Files\\Python311\\python.exe",
                        "\"C:\\Program Files\\Python311\\python.exe\" -m celery --app airflow.providers.celery.executors."
                                + "celery_executor.app worker --pool solo --hostname WIN-WRK01@%h",
                        NSSM);
    }
}
