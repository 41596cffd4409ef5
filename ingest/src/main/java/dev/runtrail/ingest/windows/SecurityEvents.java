package dev.runtrail.ingest.windows;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.Map;

/**
 * ECS fields of Security-channel events by event id: actions, categories, users, logon ids,
 * processes. Field choices follow Elastic's Security mapping; see {@link WindowsEventMapper} for
 * the one deliberate difference in {@code winlog.logon.id}.
 */
final class SecurityEvents {
    private SecurityEvents() {}

    static void map(WindowsRecord r, EcsDocument doc) {
        Map<String, String> d = r.eventData();
        int id = (int) r.eventId();
        switch (id) {
            case 4624 -> logon(doc, d, "logged-in", "success");
            case 4625 -> logon(doc, d, "logon-failed", "failure");
            case 4634, 4647 -> {
                category(doc, "authentication", "end");
                doc.put(Ecs.EVENT_ACTION, "logged-out");
                target(doc, d);
                doc.put(Ecs.WINLOG_LOGON_ID, d.get("TargetLogonId"));
                doc.put(Ecs.WINLOG_LOGON_TYPE, LogonTypes.name(d.get("LogonType")));
            }
            case 4648 -> {
                category(doc, "authentication", "start");
                doc.put(Ecs.EVENT_ACTION, "logged-in-explicit");
                subject(doc, d);
                doc.put(Ecs.USER_EFFECTIVE_NAME, value(d.get("TargetUserName")));
                doc.put(Ecs.USER_EFFECTIVE_DOMAIN, value(d.get("TargetDomainName")));
                doc.put(Ecs.WINLOG_LOGON_ID, d.get("SubjectLogonId"));
                doc.put(Ecs.SOURCE_IP, ip(d.get("IpAddress")));
                doc.put(Ecs.PROCESS_EXECUTABLE, value(d.get("ProcessName")));
            }
            case 4672 -> {
                category(doc, "iam", "admin");
                doc.put(Ecs.EVENT_ACTION, "logged-in-special");
                subject(doc, d);
                doc.put(Ecs.WINLOG_LOGON_ID, d.get("SubjectLogonId"));
            }
            case 4688 -> {
                category(doc, "process", "start");
                doc.put(Ecs.EVENT_ACTION, "created-process");
                subject(doc, d);
                doc.put(Ecs.WINLOG_LOGON_ID, d.get("SubjectLogonId"));
                String exe = value(d.get("NewProcessName"));
                doc.put(Ecs.PROCESS_EXECUTABLE, exe);
                doc.put(Ecs.PROCESS_NAME, baseName(exe));
                doc.put(Ecs.PROCESS_PID, hexOrDecimal(d.get("NewProcessId")));
                doc.put(Ecs.PROCESS_COMMAND_LINE, value(d.get("CommandLine")));
                String parent = value(d.get("ParentProcessName"));
                doc.put(Ecs.PROCESS_PARENT_EXECUTABLE, parent);
                doc.put(Ecs.PROCESS_PARENT_NAME, baseName(parent));
                doc.put(Ecs.PROCESS_PARENT_PID, hexOrDecimal(d.get("ProcessId")));
            }
            case 4689 -> {
                category(doc, "process", "end");
                doc.put(Ecs.EVENT_ACTION, "exited-process");
                subject(doc, d);
                doc.put(Ecs.WINLOG_LOGON_ID, d.get("SubjectLogonId"));
                doc.put(Ecs.PROCESS_EXECUTABLE, value(d.get("ProcessName")));
                doc.put(Ecs.PROCESS_PID, hexOrDecimal(d.get("ProcessId")));
            }
            default -> {
                if (d.containsKey("SubjectLogonId")) {
                    subject(doc, d);
                    doc.put(Ecs.WINLOG_LOGON_ID, d.get("SubjectLogonId"));
                }
            }
        }
    }

    private static void logon(
            EcsDocument doc, Map<String, String> d, String action, String outcome) {
        category(doc, "authentication", "start");
        doc.put(Ecs.EVENT_ACTION, action);
        doc.put(Ecs.EVENT_OUTCOME, outcome);
        target(doc, d);
        doc.put(Ecs.WINLOG_LOGON_ID, d.get("TargetLogonId"));
        doc.put(Ecs.WINLOG_LOGON_TYPE, LogonTypes.name(d.get("LogonType")));
        doc.put(Ecs.SOURCE_IP, ip(d.get("IpAddress")));
        doc.put(Ecs.SOURCE_PORT, hexOrDecimal(d.get("IpPort")));
        doc.put(Ecs.SOURCE_DOMAIN, value(d.get("WorkstationName")));
        doc.put(Ecs.PROCESS_EXECUTABLE, value(d.get("ProcessName")));
        doc.put(Ecs.PROCESS_PID, hexOrDecimal(d.get("ProcessId")));
    }

    private static void category(EcsDocument doc, String category, String type) {
        doc.add(Ecs.EVENT_CATEGORY, category);
        doc.add(Ecs.EVENT_TYPE, type);
    }

    private static void target(EcsDocument doc, Map<String, String> d) {
        doc.put(Ecs.USER_NAME, value(d.get("TargetUserName")));
        doc.put(Ecs.USER_DOMAIN, value(d.get("TargetDomainName")));
        doc.put(Ecs.USER_ID, value(d.get("TargetUserSid")));
        doc.add(Ecs.RELATED_USER, value(d.get("TargetUserName")));
    }

    private static void subject(EcsDocument doc, Map<String, String> d) {
        doc.put(Ecs.USER_NAME, value(d.get("SubjectUserName")));
        doc.put(Ecs.USER_DOMAIN, value(d.get("SubjectDomainName")));
        doc.put(Ecs.USER_ID, value(d.get("SubjectUserSid")));
        doc.add(Ecs.RELATED_USER, value(d.get("SubjectUserName")));
    }

    /** Windows writes "-" for an absent value. */
    static String value(String s) {
        return s == null || s.isEmpty() || s.equals("-") ? null : s;
    }

    static String ip(String s) {
        String v = value(s);
        if (v == null) {
            return null;
        }
        return v.startsWith("::ffff:") ? v.substring(7) : v;
    }

    static Long hexOrDecimal(String s) {
        String v = value(s);
        if (v == null) {
            return null;
        }
        try {
            return v.startsWith("0x") || v.startsWith("0X")
                    ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String baseName(String path) {
        if (path == null) {
            return null;
        }
        int slash = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(slash + 1);
    }
}
