package dev.runtrail.sampledata.windows;

/**
 * The System-header facts of each event id we write: provider, version, task (number and the name
 * Winlogbeat gives it), keywords and the first line of the rendered message.
 */
public record EventKind(
        int eventId,
        boolean eventlogProvider,
        int version,
        int level,
        int task,
        String taskName,
        String keywords,
        String message) {

    static final String AUDIT_SUCCESS = "0x8020000000000000";

    public static EventKind of(int eventId) {
        return switch (eventId) {
            case 4624 ->
                    audit(eventId, 2, 12544, "Logon", "An account was successfully logged on.");
            case 4634 -> audit(eventId, 0, 12545, "Logoff", "An account was logged off.");
            case 4647 -> audit(eventId, 0, 12545, "Logoff", "User initiated logoff:");
            case 4648 ->
                    audit(
                            eventId,
                            0,
                            12544,
                            "Logon",
                            "A logon was attempted using explicit credentials.");
            case 4672 ->
                    audit(
                            eventId,
                            0,
                            12548,
                            "Special Logon",
                            "Special privileges assigned to new logon.");
            case 4688 ->
                    audit(eventId, 2, 13312, "Process Creation", "A new process has been created.");
            case 4720 ->
                    audit(
                            eventId,
                            0,
                            13824,
                            "User Account Management",
                            "A user account was created.");
            case 4732 ->
                    audit(
                            eventId,
                            0,
                            13826,
                            "Security Group Management",
                            "A member was added to a security-enabled local group.");
            case 1102 ->
                    new EventKind(
                            1102,
                            true,
                            0,
                            4,
                            104,
                            "Log clear",
                            "0x4020000000000000",
                            "The audit log was cleared.");
            default ->
                    throw new IllegalArgumentException(
                            "No catalog entry for event id " + eventId + ".");
        };
    }

    private static EventKind audit(int id, int version, int task, String taskName, String message) {
        return new EventKind(id, false, version, 0, task, taskName, AUDIT_SUCCESS, message);
    }

    public String providerName() {
        return eventlogProvider
                ? "Microsoft-Windows-Eventlog"
                : "Microsoft-Windows-Security-Auditing";
    }

    public String providerGuid() {
        return eventlogProvider
                ? "{fc65ddd8-d6ef-4962-83d5-6e5cfe9ce148}"
                : "{54849625-5478-4994-a5ba-3e3b0328c30d}";
    }

    /** 1102 carries its fields in UserData/LogFileCleared instead of EventData. */
    public boolean userData() {
        return eventId == 1102;
    }
}
