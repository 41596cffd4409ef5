package dev.runtrail.ingest.windows;

/** Names of Windows logon types as Elastic's Security mapping writes them. */
final class LogonTypes {
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
}
