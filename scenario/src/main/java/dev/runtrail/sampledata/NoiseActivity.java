package dev.runtrail.sampledata;

import dev.runtrail.sampledata.windows.Logon;
import dev.runtrail.sampledata.windows.LogonSpec;
import dev.runtrail.sampledata.windows.SessionWriter;
import dev.runtrail.sampledata.windows.SessionWriter.Process;
import dev.runtrail.sampledata.world.Account;
import dev.runtrail.sampledata.world.Human;
import dev.runtrail.sampledata.world.WindowsHost;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** One background session on one host: monitoring probes, services, anonymous, machines, people. */
final class NoiseActivity implements Activity {
    private static final Process SERVICES =
            new Process("0x2c8", "C:\\Windows\\System32\\services.exe");
    private static final String[] SYSTEM_PROCESSES = {
        "C:\\Windows\\System32\\svchost.exe|C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
        "C:\\Windows\\servicing\\TrustedInstaller.exe|C:\\Windows\\servicing\\TrustedInstaller.exe",
        "C:\\Windows\\System32\\svchost.exe|C:\\Windows\\System32\\svchost.exe -k wsappx -p -s ClipSVC",
        "C:\\Windows\\System32\\sppsvc.exe|C:\\Windows\\system32\\sppsvc.exe",
    };

    private final Instant start;
    private final NoiseKind kind;
    private final WindowsHost host;
    private final SimState state;
    private final Human human;

    NoiseActivity(Instant start, NoiseKind kind, WindowsHost host, SimState state, Human human) {
        this.start = start;
        this.kind = kind;
        this.host = host;
        this.state = state;
        this.human = human;
    }

    @Override
    public Instant start() {
        return start;
    }

    @Override
    public void perform(Outputs out) throws IOException {
        SessionWriter w = out.sessions;
        Logon logon =
                switch (kind) {
                    case MONITORING ->
                            shortNetwork(
                                    w,
                                    state.world.svcMonitor(),
                                    LogonSpec.networkNtlm(
                                            "MON01", state.world.monitorIp(), port()));
                    case ANONYMOUS ->
                            shortNetwork(
                                    w,
                                    Account.ANONYMOUS,
                                    LogonSpec.anonymous(
                                            "-",
                                            "10.0."
                                                    + state.between(1, 9)
                                                    + "."
                                                    + state.between(2, 250),
                                            port()));
                    case MACHINE_ACCOUNT -> machine(w);
                    case SYSTEM -> service(w, Account.SYSTEM, SessionWriter.SYSTEM_LOGON_ID);
                    case LOCAL_SERVICE -> service(w, Account.LOCAL_SERVICE, "0x3e5");
                    case HUMAN_RDP -> rdp(w, human.windowsAccount(), human.ip());
                };
        TruthRecords.noise(out.truth, logon, kind.key());
    }

    private Logon shortNetwork(SessionWriter w, Account account, LogonSpec spec) {
        Logon logon = w.logon(host, start, account, spec, account.privileges(), false);
        w.logoff(logon, start.plusMillis(state.between(300, 4000)));
        return logon;
    }

    private Logon machine(SessionWriter w) {
        List<WindowsHost> hosts = state.world.allWindowsHosts();
        WindowsHost peer = hosts.get(state.random.nextInt(hosts.size()));
        if (peer == host) {
            peer = hosts.get((hosts.indexOf(host) + 1) % hosts.size());
        }
        Logon logon =
                w.logon(
                        host,
                        start,
                        peer.machineAccount(),
                        LogonSpec.networkKerberos(peer.ip(), port()),
                        List.of(),
                        false);
        w.logoff(logon, start.plusMillis(state.between(200, 9000)));
        return logon;
    }

    private Logon service(SessionWriter w, Account account, String logonId) {
        Logon logon =
                w.logonWithId(
                        host,
                        start,
                        account,
                        LogonSpec.service(),
                        account.privileges(),
                        false,
                        logonId);
        if (account == Account.SYSTEM && state.chance(0.5)) {
            String[] p =
                    SYSTEM_PROCESSES[state.random.nextInt(SYSTEM_PROCESSES.length)].split("\\|");
            w.process(logon, start.plusMillis(state.between(100, 900)), p[0], p[1], SERVICES);
        }
        return logon;
    }

    /** A person's RDP session: the desktop comes up, an admin tool or two, then logoff. */
    Logon rdp(SessionWriter w, Account account, String ip) {
        Logon logon =
                w.logon(
                        host,
                        start,
                        account,
                        LogonSpec.remoteInteractive(host, ip),
                        account.privileges(),
                        state.chance(0.2));
        Process explorer = w.explorer(logon, start.plusSeconds(3));
        w.process(
                logon,
                start.plusSeconds(4),
                "C:\\Windows\\System32\\rdpclip.exe",
                "rdpclip",
                SERVICES);
        w.process(
                logon,
                start.plusSeconds(state.between(30, 300)),
                "C:\\Windows\\System32\\mmc.exe",
                "\"C:\\Windows\\system32\\mmc.exe\" \"C:\\Windows\\system32\\eventvwr.msc\" ",
                explorer);
        w.logoff(logon, start.plusSeconds(state.between(900, 3600)));
        return logon;
    }

    private int port() {
        return (int) state.between(49152, 65535);
    }
}
