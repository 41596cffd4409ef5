package dev.runtrail.sampledata.windows;

import dev.runtrail.sampledata.world.WindowsHost;

/**
 * How a logon happens, in 4624 terms: logon type, logon process and package, the client's
 * workstation name and address, and the local process that asked for it. {@code localSubject} is
 * true when a local service (SYSTEM) performed the logon and so appears as its Subject.
 */
public record LogonSpec(
        int logonType,
        String logonProcess,
        String authPackage,
        String lmPackage,
        int keyLength,
        String workstation,
        String ip,
        String port,
        String processName,
        boolean localSubject) {

    private static final String SVCHOST = "C:\\Windows\\System32\\svchost.exe";

    public static LogonSpec networkNtlm(String workstation, String ip, int port) {
        return new LogonSpec(
                3,
                "NtLmSsp ",
                "NTLM",
                "NTLM V2",
                128,
                workstation,
                ip,
                Integer.toString(port),
                "-",
                false);
    }

    public static LogonSpec networkKerberos(String ip, int port) {
        return new LogonSpec(
                3, "Kerberos", "Kerberos", "-", 0, "-", ip, Integer.toString(port), "-", false);
    }

    public static LogonSpec anonymous(String workstation, String ip, int port) {
        return new LogonSpec(
                3,
                "NtLmSsp ",
                "NTLM",
                "NTLM V1",
                0,
                workstation,
                ip,
                Integer.toString(port),
                "-",
                false);
    }

    /** Win32-OpenSSH password authentication: sshd calls LogonUser, so no client address. */
    public static LogonSpec sshPassword(WindowsHost host) {
        return new LogonSpec(
                8,
                "Advapi  ",
                "Negotiate",
                "-",
                0,
                host.netbios(),
                "-",
                "-",
                "C:\\Windows\\System32\\OpenSSH\\sshd.exe",
                true);
    }

    public static LogonSpec service() {
        return new LogonSpec(
                5,
                "Advapi  ",
                "Negotiate",
                "-",
                0,
                "-",
                "-",
                "-",
                "C:\\Windows\\System32\\services.exe",
                true);
    }

    public static LogonSpec remoteInteractive(WindowsHost host, String ip) {
        return new LogonSpec(
                10, "User32 ", "Negotiate", "-", 0, host.netbios(), ip, "0", SVCHOST, true);
    }

    public static LogonSpec interactive(WindowsHost host) {
        return new LogonSpec(
                2, "User32 ", "Negotiate", "-", 0, host.netbios(), "127.0.0.1", "0", SVCHOST, true);
    }
}
