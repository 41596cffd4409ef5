package dev.runtrail.ingest.windows;

import java.util.Locale;

/** Names of Windows logon types as Elastic's Security mapping writes them. */
public final class LogonTypes {
    private LogonTypes() {}

    static String name(String logonType) {
        if (logonType == null) {
            return null;
        }
        return switch (logonType.trim()) {
            case "0" -> "System";
            case "2" -> "Interactive";
            case "3" -> "Network";
            case "4" -> "Batch";
            case "5" -> "Service";
            case "7" -> "Unlock";
            case "8" -> "NetworkCleartext";
            case "9" -> "NewCredentials";
            case "10" -> "RemoteInteractive";
            case "11" -> "CachedInteractive";
            case "12" -> "CachedRemoteInteractive";
            case "13" -> "CachedUnlock";
            default -> logonType.trim();
        };
    }

    /**
     * Whether a logon type (its name as {@link #name} gives it, in any case, or the number Windows
     * logs) is one a person makes at a keyboard or over remote desktop: Interactive (2), Unlock
     * (7), RemoteInteractive (10), CachedInteractive (11), CachedRemoteInteractive (12),
     * CachedUnlock (13). Tasks that reach a host (WinRM, PowerShell remoting, SSH, SQL Server) log
     * on as Network (3) or NetworkCleartext (8); services and scheduled jobs as Service (5) or
     * Batch (4).
     */
    public static boolean isInteractive(String logonType) {
        String name = name(logonType);
        if (name == null) {
            return false;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "interactive",
                    "unlock",
                    "remoteinteractive",
                    "cachedinteractive",
                    "cachedremoteinteractive",
                    "cachedunlock" ->
                    true;
            default -> false;
        };
    }
}
