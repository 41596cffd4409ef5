package dev.runtrail.sampledata.windows;

import dev.runtrail.sampledata.world.Account;
import dev.runtrail.sampledata.world.WindowsHost;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Writes what Windows records for a logon session: 4624 (with its 4672 when the account holds
 * special privileges), 4688 process creations attributed to the session, 4648, and 4634.
 */
public final class SessionWriter {
    /** The logon id of the LocalSystem session. */
    public static final String SYSTEM_LOGON_ID = "0x3e7";

    private static final Process USERINIT =
            new Process("0x1b4c", "C:\\Windows\\System32\\userinit.exe");

    private static final String NULL_SID = "S-1-0-0";
    private static final String NULL_GUID = "{00000000-0000-0000-0000-000000000000}";

    private final Map<WindowsHost, SecurityLog> logs;
    private final RandomGenerator random;
    private long events;

    public SessionWriter(Map<WindowsHost, SecurityLog> logs, RandomGenerator random) {
        this.logs = logs;
        this.random = random;
    }

    /** The process a 4688 created, for use as the parent of the next one. */
    public record Process(String pid, String image) {}

    /**
     * Writes a 4624 (and 4672 when privileges are given) and returns the session.
     *
     * @param privileges the 4672 list, empty for none
     * @param privilegesFirst write the 4672 before its 4624 (same timestamp), as Windows sometimes
     *     does
     */
    public Logon logon(
            WindowsHost host,
            Instant trueTime,
            Account account,
            LogonSpec spec,
            List<String> privileges,
            boolean privilegesFirst) {
        String logonId = host.nextLogonId(random);
        return logonWithId(host, trueTime, account, spec, privileges, privilegesFirst, logonId);
    }

    /**
     * As {@link #logon} with a fixed logon id (the well-known ids of SYSTEM and service accounts).
     */
    public Logon logonWithId(
            WindowsHost host,
            Instant trueTime,
            Account account,
            LogonSpec spec,
            List<String> privileges,
            boolean privilegesFirst,
            String logonId) {
        Instant time = host.clock(trueTime, random);
        Duration offset = Duration.between(trueTime, time);
        int version = host.server2022() ? 3 : 2;
        WinEvent logonEvent =
                new WinEvent(
                        time, 4624, version, logonFields(host, account, spec, logonId, privileges));
        if (privileges.isEmpty()) {
            add(host, logonEvent);
            return new Logon(host, logonId, time, account, spec.logonType(), offset, null);
        }
        // LSA writes the 4672 some microseconds after the 4624; now and then it lands first.
        long micros = 5 + random.nextInt(40);
        Instant specialTime =
                privilegesFirst ? sameSecondBefore(time, micros) : time.plusNanos(1000 * micros);
        Logon logon =
                new Logon(host, logonId, time, account, spec.logonType(), offset, specialTime);
        WinEvent special =
                new WinEvent(specialTime, 4672, specialFields(account, logonId, privileges));
        if (privilegesFirst) {
            add(host, special);
            add(host, logonEvent);
        } else {
            add(host, logonEvent);
            add(host, special);
        }
        return logon;
    }

    private static Instant sameSecondBefore(Instant time, long micros) {
        Instant earlier = time.minusNanos(1000 * micros);
        return earlier.getEpochSecond() == time.getEpochSecond() ? earlier : time;
    }

    private Map<String, String> logonFields(
            WindowsHost host,
            Account account,
            LogonSpec spec,
            String logonId,
            List<String> privileges) {
        Map<String, String> d = new LinkedHashMap<>();
        if (spec.localSubject()) {
            d.put("SubjectUserSid", "S-1-5-18");
            d.put("SubjectUserName", host.machineAccount().name());
            d.put("SubjectDomainName", host.machineAccount().domain());
            d.put("SubjectLogonId", SYSTEM_LOGON_ID);
        } else {
            d.put("SubjectUserSid", NULL_SID);
            d.put("SubjectUserName", "-");
            d.put("SubjectDomainName", "-");
            d.put("SubjectLogonId", "0x0");
        }
        d.put("TargetUserSid", account.sid());
        d.put("TargetUserName", account.name());
        d.put("TargetDomainName", account.domain());
        d.put("TargetLogonId", logonId);
        d.put("LogonType", Integer.toString(spec.logonType()));
        d.put("LogonProcessName", spec.logonProcess());
        d.put("AuthenticationPackageName", spec.authPackage());
        d.put("WorkstationName", spec.workstation());
        d.put("LogonGuid", spec.authPackage().equals("Kerberos") ? guid() : NULL_GUID);
        d.put("TransmittedServices", "-");
        d.put("LmPackageName", spec.lmPackage());
        d.put("KeyLength", Integer.toString(spec.keyLength()));
        d.put("ProcessId", spec.localSubject() ? processIdOf(spec.processName()) : "0x0");
        d.put("ProcessName", spec.processName());
        d.put("IpAddress", spec.ip());
        d.put("IpPort", spec.port());
        d.put("ImpersonationLevel", "%%1833");
        d.put("RestrictedAdminMode", spec.logonType() == 10 ? "%%1843" : "-");
        if (host.server2022()) {
            d.put("RemoteCredentialGuard", spec.logonType() == 10 ? "%%1843" : "-");
        }
        d.put("TargetOutboundUserName", "-");
        d.put("TargetOutboundDomainName", "-");
        d.put("VirtualAccount", "%%1843");
        d.put("TargetLinkedLogonId", "0x0");
        d.put("ElevatedToken", elevated(privileges) ? "%%1842" : "%%1843");
        return d;
    }

    private static boolean elevated(List<String> privileges) {
        return privileges.contains("SeDebugPrivilege") || privileges.contains("SeTcbPrivilege");
    }

    private static String processIdOf(String processName) {
        return switch (processName) {
            case "C:\\Windows\\System32\\services.exe" -> "0x2c8";
            case "C:\\Windows\\System32\\OpenSSH\\sshd.exe" -> "0xb3c";
            default -> "0x3f0";
        };
    }

    private static Map<String, String> specialFields(
            Account account, String logonId, List<String> privileges) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("SubjectUserSid", account.sid());
        d.put("SubjectUserName", account.name());
        d.put("SubjectDomainName", account.domain());
        d.put("SubjectLogonId", logonId);
        d.put("PrivilegeList", String.join("\n\t\t\t", privileges));
        return d;
    }

    /** A process created inside the session (its SubjectLogonId is the session's logon id). */
    public Process process(
            Logon logon, Instant trueTime, String image, String commandLine, Process parent) {
        return createProcess(logon, logon.hostTime(trueTime), image, commandLine, parent, false);
    }

    /** Explorer, which userinit starts when the session's desktop comes up. */
    public Process explorer(Logon logon, Instant trueTime) {
        return process(
                logon,
                trueTime,
                "C:\\Windows\\explorer.exe",
                "C:\\Windows\\Explorer.EXE",
                USERINIT);
    }

    /**
     * A process that SYSTEM creates for the session's user, as the WinRM plug-in host is: the
     * Subject is SYSTEM (0x3e7) and the session appears only as TargetLogonId.
     */
    public Process processForSession(
            Logon logon, Instant trueTime, String image, String commandLine, Process parent) {
        return createProcess(logon, logon.hostTime(trueTime), image, commandLine, parent, true);
    }

    private Process createProcess(
            Logon logon,
            Instant time,
            String image,
            String commandLine,
            Process parent,
            boolean createdBySystem) {
        WindowsHost host = logon.host();
        String pid = host.nextPid(random);
        Account account = logon.account();
        boolean system = account.sid().equals("S-1-5-18");
        Map<String, String> d = new LinkedHashMap<>();
        if (createdBySystem || system) {
            d.put("SubjectUserSid", "S-1-5-18");
            d.put("SubjectUserName", host.machineAccount().name());
            d.put("SubjectDomainName", host.machineAccount().domain());
            d.put("SubjectLogonId", SYSTEM_LOGON_ID);
        } else {
            d.put("SubjectUserSid", account.sid());
            d.put("SubjectUserName", account.name());
            d.put("SubjectDomainName", account.domain());
            d.put("SubjectLogonId", logon.logonId());
        }
        d.put("NewProcessId", pid);
        d.put("NewProcessName", image);
        boolean admin = elevated(account.privileges());
        d.put("TokenElevationType", admin || system ? "%%1936" : "%%1938");
        d.put("ProcessId", parent.pid());
        d.put("CommandLine", commandLine);
        if (createdBySystem && !system) {
            d.put("TargetUserSid", account.sid());
            d.put("TargetUserName", account.name());
            d.put("TargetDomainName", account.domain());
            d.put("TargetLogonId", logon.logonId());
        } else {
            d.put("TargetUserSid", NULL_SID);
            d.put("TargetUserName", "-");
            d.put("TargetDomainName", "-");
            d.put("TargetLogonId", "0x0");
        }
        d.put("ParentProcessName", parent.image());
        d.put("MandatoryLabel", system ? "S-1-16-16384" : admin ? "S-1-16-12288" : "S-1-16-8192");
        add(host, new WinEvent(time, 4688, d));
        return new Process(pid, image);
    }

    /** A 4648: the session's account used explicit credentials of {@code target}. */
    public void explicitCredentials(
            Logon logon, Instant trueTime, Account target, String targetServer, Process process) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("SubjectUserSid", logon.account().sid());
        d.put("SubjectUserName", logon.account().name());
        d.put("SubjectDomainName", logon.account().domain());
        d.put("SubjectLogonId", logon.logonId());
        d.put("LogonGuid", NULL_GUID);
        d.put("TargetUserName", target.name());
        d.put("TargetDomainName", target.domain());
        d.put("TargetLogonGuid", NULL_GUID);
        d.put("TargetServerName", targetServer);
        d.put("TargetInfo", targetServer);
        d.put("ProcessId", process.pid());
        d.put("ProcessName", process.image());
        boolean local = targetServer.equals("localhost");
        d.put("IpAddress", local ? "127.0.0.1" : "-");
        d.put("IpPort", local ? "0" : "-");
        add(logon.host(), new WinEvent(logon.hostTime(trueTime), 4648, d));
    }

    /** The 4634 that ends the session. */
    public Instant logoff(Logon logon, Instant trueTime) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("TargetUserSid", logon.account().sid());
        d.put("TargetUserName", logon.account().name());
        d.put("TargetDomainName", logon.account().domain());
        d.put("TargetLogonId", logon.logonId());
        d.put("LogonType", Integer.toString(logon.logonType()));
        Instant time = logon.hostTime(trueTime);
        add(logon.host(), new WinEvent(time, 4634, d));
        return time;
    }

    /** A 4720: the session's account created local user {@code name} with SID {@code sid}. */
    public void userCreated(Logon logon, Instant trueTime, String name, String sid) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("TargetUserName", name);
        d.put("TargetDomainName", logon.host().netbios());
        d.put("TargetSid", sid);
        subject(d, logon);
        d.put("PrivilegeList", "-");
        d.put("SamAccountName", name);
        for (String unset :
                List.of(
                        "DisplayName",
                        "UserPrincipalName",
                        "HomeDirectory",
                        "HomePath",
                        "ScriptPath",
                        "ProfilePath",
                        "UserWorkstations")) {
            d.put(unset, "%%1793");
        }
        d.put("PasswordLastSet", "%%1794");
        d.put("AccountExpires", "%%1794");
        d.put("PrimaryGroupId", "513");
        d.put("AllowedToDelegateTo", "-");
        d.put("OldUacValue", "0x0");
        d.put("NewUacValue", "0x15");
        d.put("UserAccountControl", "\n\t\t%%2080\n\t\t%%2082\n\t\t%%2084");
        d.put("UserParameters", "%%1793");
        d.put("SidHistory", "-");
        d.put("LogonHours", "%%1797");
        add(logon.host(), new WinEvent(logon.hostTime(trueTime), 4720, d));
    }

    /** A 4732: the session's account added {@code memberSid} to a built-in local group. */
    public void memberAdded(
            Logon logon, Instant trueTime, String memberSid, String group, String groupSid) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("MemberName", "-");
        d.put("MemberSid", memberSid);
        d.put("TargetUserName", group);
        d.put("TargetDomainName", "Builtin");
        d.put("TargetSid", groupSid);
        subject(d, logon);
        d.put("PrivilegeList", "-");
        add(logon.host(), new WinEvent(logon.hostTime(trueTime), 4732, d));
    }

    private static void subject(Map<String, String> d, Logon logon) {
        d.put("SubjectUserSid", logon.account().sid());
        d.put("SubjectUserName", logon.account().name());
        d.put("SubjectDomainName", logon.account().domain());
        d.put("SubjectLogonId", logon.logonId());
    }

    /** Any other record, fields as given, in the session's clock. */
    public void record(Logon logon, Instant trueTime, int eventId, Map<String, String> fields) {
        add(logon.host(), new WinEvent(logon.hostTime(trueTime), eventId, fields));
    }

    private void add(WindowsHost host, WinEvent event) {
        SecurityLog log = logs.get(host);
        if (log == null) {
            throw new IllegalStateException("No Security log open for host " + host.fqdn() + ".");
        }
        log.add(event);
        events++;
    }

    private String guid() {
        return "{" + new UUID(random.nextLong(), random.nextLong()) + "}";
    }

    public long events() {
        return events;
    }
}
