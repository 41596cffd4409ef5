package dev.runtrail.ingest.windows;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.List;
import java.util.Map;

/**
 * ECS fields of Security-channel events by event id: actions, categories, users, logon ids,
 * processes, groups, privileges. Field choices follow Elastic's Security mapping; see {@link
 * WindowsEventMapper} for the one deliberate difference in {@code winlog.logon.id}.
 */
final class SecurityEvents {
    private SecurityEvents() {}

    /** Keyword bits Windows sets on audit events (winmeta.xml). */
    private static final long AUDIT_SUCCESS = 0x20000000000000L;

    private static final long AUDIT_FAILURE = 0x10000000000000L;

    /** Results of the functions below for the values seen last (they repeat event after event). */
    private static final StringMemo<String> LOGON_IDS = new StringMemo<>(LogonIds::normalize, 64);

    private static final StringMemo<String> AUDIT_OUTCOMES =
            new StringMemo<>(SecurityEvents::auditOutcome, 16);

    private static final StringMemo<List<String>> PRIVILEGES =
            new StringMemo<>(list -> List.copyOf(privileges(list)), 64);

    static void map(WindowsRecord r, EcsDocument doc) {
        Map<String, String> d = r.eventData();
        categorize(doc, SecurityActions.security(r.eventId()));
        String keywords = r.keywords();
        doc.put(Ecs.EVENT_OUTCOME, keywords == null ? null : AUDIT_OUTCOMES.apply(keywords));
        switch ((int) r.eventId()) {
            case 4624, 4625 -> logon(doc, d);
            case 4634, 4647 -> {
                target(doc, d);
                doc.put(Ecs.WINLOG_LOGON_ID, logonId(d.get("TargetLogonId")));
                doc.put(Ecs.WINLOG_LOGON_TYPE, LogonTypes.name(d.get("LogonType")));
            }
            case 4648 -> {
                subjectSession(doc, d);
                doc.putRedacted(Ecs.USER_EFFECTIVE_NAME, value(d.get("TargetUserName")));
                doc.putRedacted(Ecs.USER_EFFECTIVE_DOMAIN, value(d.get("TargetDomainName")));
                doc.add(Ecs.RELATED_USER, value(d.get("TargetUserName")));
                sourceIp(doc, d.get("IpAddress"));
                doc.put(Ecs.SOURCE_PORT, hexOrDecimal(d.get("IpPort")));
                process(doc, d.get("ProcessName"), d.get("ProcessId"));
            }
            case 4672, 4673, 4674 -> {
                subjectSession(doc, d);
                String list = d.get("PrivilegeList");
                for (String privilege : list == null ? List.<String>of() : PRIVILEGES.apply(list)) {
                    doc.add(Ecs.RUNTRAIL_PRIVILEGES, privilege);
                }
            }
            case 4688 -> {
                subjectSession(doc, d);
                process(doc, d.get("NewProcessName"), d.get("NewProcessId"));
                doc.putRedacted(Ecs.PROCESS_COMMAND_LINE, value(d.get("CommandLine")));
                String parent = value(d.get("ParentProcessName"));
                doc.putRedacted(Ecs.PROCESS_PARENT_EXECUTABLE, parent);
                doc.put(Ecs.PROCESS_PARENT_NAME, baseName(parent));
                doc.put(Ecs.PROCESS_PARENT_PID, hexOrDecimal(d.get("ProcessId")));
            }
            case 4689 -> {
                subjectSession(doc, d);
                process(doc, d.get("ProcessName"), d.get("ProcessId"));
                doc.put(Ecs.PROCESS_EXIT_CODE, hexOrDecimal(d.get("Status")));
            }
            case 4697 -> {
                subjectSession(doc, d);
                doc.putRedacted(Ecs.SERVICE_NAME, value(d.get("ServiceName")));
            }
            case 4720, 4722, 4723, 4724, 4725, 4726, 4738, 4740 -> {
                subjectSession(doc, d);
                String name = value(d.get("TargetUserName"));
                doc.putRedacted(Ecs.USER_TARGET_NAME, name);
                doc.putRedacted(Ecs.USER_TARGET_DOMAIN, value(d.get("TargetDomainName")));
                doc.putRedacted(Ecs.USER_TARGET_ID, value(d.get("TargetSid")));
                doc.add(Ecs.RELATED_USER, name);
            }
            case 4728, 4729, 4732, 4733, 4756, 4757 -> {
                subjectSession(doc, d);
                doc.putRedacted(Ecs.GROUP_NAME, value(d.get("TargetUserName")));
                doc.putRedacted(Ecs.GROUP_DOMAIN, value(d.get("TargetDomainName")));
                doc.putRedacted(Ecs.GROUP_ID, value(d.get("TargetSid")));
                String member = commonName(value(d.get("MemberName")));
                doc.put(Ecs.USER_TARGET_NAME, member);
                doc.putRedacted(Ecs.USER_TARGET_ID, value(d.get("MemberSid")));
                doc.add(Ecs.RELATED_USER, member);
            }
            case 4768, 4769, 4770, 4771 -> {
                target(doc, d);
                sourceIp(doc, d.get("IpAddress"));
                doc.put(Ecs.SOURCE_PORT, hexOrDecimal(d.get("IpPort")));
                doc.putRedacted(Ecs.SERVICE_NAME, value(d.get("ServiceName")));
                doc.put(Ecs.EVENT_OUTCOME, statusOutcome(d.get("Status")));
            }
            case 4776 -> {
                doc.putRedacted(Ecs.USER_NAME, value(d.get("TargetUserName")));
                doc.add(Ecs.RELATED_USER, value(d.get("TargetUserName")));
                doc.putRedacted(Ecs.SOURCE_DOMAIN, value(d.get("Workstation")));
                doc.put(Ecs.EVENT_OUTCOME, statusOutcome(d.get("Status")));
            }
            default -> {
                // 1102, 4698-4702, 4719 and any other event with a subject: the subject acted
                if (d.containsKey("SubjectLogonId") || d.containsKey("SubjectUserName")) {
                    subjectSession(doc, d);
                }
            }
        }
    }

    /** 7045 (System channel, Service Control Manager): a service was installed. */
    static void mapServiceInstalled(WindowsRecord r, EcsDocument doc) {
        categorize(doc, SecurityActions.SERVICE_INSTALLED);
        doc.putRedacted(Ecs.SERVICE_NAME, value(r.eventData().get("ServiceName")));
        // the System channel names no logon session; the acting account is the record's user SID
        doc.putRedacted(Ecs.USER_ID, value(r.userSid()));
    }

    private static void logon(EcsDocument doc, Map<String, String> d) {
        target(doc, d);
        doc.add(Ecs.RELATED_USER, value(d.get("SubjectUserName")));
        // 4625 has no TargetLogonId: a failed logon opens no session, so none is named
        doc.put(Ecs.WINLOG_LOGON_ID, logonId(d.get("TargetLogonId")));
        doc.put(Ecs.WINLOG_LOGON_TYPE, LogonTypes.name(d.get("LogonType")));
        sourceIp(doc, d.get("IpAddress"));
        doc.put(Ecs.SOURCE_PORT, hexOrDecimal(d.get("IpPort")));
        doc.putRedacted(Ecs.SOURCE_DOMAIN, value(d.get("WorkstationName")));
        process(doc, d.get("ProcessName"), d.get("ProcessId"));
    }

    private static String logonId(String raw) {
        return raw == null ? null : LOGON_IDS.apply(raw);
    }

    private static void categorize(EcsDocument doc, SecurityActions.Action action) {
        if (action == null) {
            return;
        }
        doc.put(Ecs.EVENT_ACTION, action.action());
        for (int i = 0; i < action.categories().size(); i++) {
            doc.add(Ecs.EVENT_CATEGORY, action.categories().get(i));
        }
        for (int i = 0; i < action.types().size(); i++) {
            doc.add(Ecs.EVENT_TYPE, action.types().get(i));
        }
    }

    private static void target(EcsDocument doc, Map<String, String> d) {
        String name = value(d.get("TargetUserName"));
        doc.putRedacted(Ecs.USER_NAME, name);
        doc.putRedacted(Ecs.USER_DOMAIN, value(d.get("TargetDomainName")));
        String sid = value(d.get("TargetUserSid"));
        doc.putRedacted(Ecs.USER_ID, sid != null ? sid : value(d.get("TargetSid")));
        doc.add(Ecs.RELATED_USER, name);
    }

    /** The subject is the actor, and its logon id names the session the event belongs to. */
    private static void subjectSession(EcsDocument doc, Map<String, String> d) {
        String name = value(d.get("SubjectUserName"));
        doc.putRedacted(Ecs.USER_NAME, name);
        doc.putRedacted(Ecs.USER_DOMAIN, value(d.get("SubjectDomainName")));
        doc.putRedacted(Ecs.USER_ID, value(d.get("SubjectUserSid")));
        doc.add(Ecs.RELATED_USER, name);
        doc.put(Ecs.WINLOG_LOGON_ID, logonId(d.get("SubjectLogonId")));
    }

    private static void process(EcsDocument doc, String executable, String pid) {
        String exe = value(executable);
        doc.putRedacted(Ecs.PROCESS_EXECUTABLE, exe);
        doc.put(Ecs.PROCESS_NAME, baseName(exe));
        doc.put(Ecs.PROCESS_PID, hexOrDecimal(pid));
    }

    private static void sourceIp(EcsDocument doc, String raw) {
        String ip = ip(raw);
        doc.put(Ecs.SOURCE_IP, ip);
        doc.add(Ecs.RELATED_IP, ip);
    }

    /** Outcome from the audit keywords, hex ({@code 0x8020...}) or named (Winlogbeat). */
    static String auditOutcome(String keywords) {
        if (keywords == null) {
            return null;
        }
        if (LogonIds.isHex(keywords)) {
            // how EVTX and XML exports write them; hex digits hold no "Audit ..." words
            long hex = LogonIds.hexValue(keywords);
            return (hex & AUDIT_SUCCESS) != 0
                    ? "success"
                    : (hex & AUDIT_FAILURE) != 0 ? "failure" : null;
        }
        if (keywords.contains("Audit Success")) {
            return "success";
        }
        if (keywords.contains("Audit Failure")) {
            return "failure";
        }
        Long bits = hexOrDecimal(keywords);
        if (bits == null) {
            return null;
        }
        if ((bits & AUDIT_SUCCESS) != 0) {
            return "success";
        }
        return (bits & AUDIT_FAILURE) != 0 ? "failure" : null;
    }

    /** Kerberos and NTLM events report success as status 0 and a failure code otherwise. */
    private static String statusOutcome(String status) {
        Long code = hexOrDecimal(status);
        if (code == null) {
            return null;
        }
        return code == 0 ? "success" : "failure";
    }

    /**
     * The privilege names of a PrivilegeList, which Windows separates with line breaks and tabs
     * (Winlogbeat arrays arrive joined with spaces).
     */
    static java.util.List<String> privileges(String list) {
        String v = value(list);
        if (v == null) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        int i = 0;
        int n = v.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(v.substring(start, i));
            }
        }
        return out;
    }

    /** The CN of a distinguished name ({@code CN=Jane Doe,OU=...}); other values unchanged. */
    static String commonName(String member) {
        if (member == null || !member.regionMatches(true, 0, "CN=", 0, 3)) {
            return member;
        }
        int end = 3;
        while (end < member.length() && member.charAt(end) != ',') {
            end += member.charAt(end) == '\\' ? 2 : 1;
        }
        return member.substring(3, Math.min(end, member.length())).replace("\\", "");
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
        v = v.trim();
        try {
            return v.startsWith("0x") || v.startsWith("0X")
                    ? Long.parseUnsignedLong(v, 2, v.length(), 16)
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
