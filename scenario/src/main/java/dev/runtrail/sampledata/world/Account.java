package dev.runtrail.sampledata.world;

import java.util.List;

/**
 * A Windows account as the Security log names it: domain, user name, SID, and the special
 * privileges Windows lists in a 4672 when it logs on (empty when it gets no 4672 at all).
 */
public record Account(String domain, String name, String sid, List<String> privileges) {

    /** Privileges of a local administrator's token. */
    public static final List<String> ADMIN_PRIVILEGES =
            List.of(
                    "SeSecurityPrivilege",
                    "SeBackupPrivilege",
                    "SeRestorePrivilege",
                    "SeTakeOwnershipPrivilege",
                    "SeDebugPrivilege",
                    "SeSystemEnvironmentPrivilege",
                    "SeLoadDriverPrivilege",
                    "SeImpersonatePrivilege",
                    "SeDelegateSessionUserImpersonatePrivilege");

    /** Privileges of a Backup Operators member. */
    public static final List<String> BACKUP_PRIVILEGES =
            List.of("SeBackupPrivilege", "SeRestorePrivilege");

    /** Privileges of the LocalSystem token. */
    public static final List<String> SYSTEM_PRIVILEGES =
            List.of(
                    "SeAssignPrimaryTokenPrivilege",
                    "SeTcbPrivilege",
                    "SeSecurityPrivilege",
                    "SeTakeOwnershipPrivilege",
                    "SeLoadDriverPrivilege",
                    "SeBackupPrivilege",
                    "SeRestorePrivilege",
                    "SeDebugPrivilege",
                    "SeAuditPrivilege",
                    "SeSystemEnvironmentPrivilege",
                    "SeImpersonatePrivilege",
                    "SeDelegateSessionUserImpersonatePrivilege");

    public static final Account SYSTEM =
            new Account("NT AUTHORITY", "SYSTEM", "S-1-5-18", SYSTEM_PRIVILEGES);
    public static final Account LOCAL_SERVICE =
            new Account(
                    "NT AUTHORITY",
                    "LOCAL SERVICE",
                    "S-1-5-19",
                    List.of(
                            "SeAssignPrimaryTokenPrivilege",
                            "SeAuditPrivilege",
                            "SeImpersonatePrivilege"));
    public static final Account ANONYMOUS =
            new Account("NT AUTHORITY", "ANONYMOUS LOGON", "S-1-5-7", List.of());

    public Account {
        privileges = List.copyOf(privileges);
    }

    /** {@code DOMAIN\name}, the way Windows tools print it. */
    public String qualified() {
        return domain + "\\" + name;
    }

    public boolean special() {
        return !privileges.isEmpty();
    }
}
