package dev.runtrail.ingest.windows;

import java.util.List;
import java.util.Map;

/**
 * ECS categorization of Security-channel event ids ({@code event.action}, {@code event.category},
 * {@code event.type}) with the values Elastic's Security pipeline uses, so that Kibana views and
 * Elastic Security rules written for Winlogbeat data match runtrail's events.
 */
final class SecurityActions {
    private SecurityActions() {}

    /** One row of the table. */
    record Action(String action, List<String> categories, List<String> types) {}

    private static final List<String> AUTH = List.of("authentication");
    private static final List<String> IAM = List.of("iam");
    private static final List<String> IAM_CONFIG = List.of("iam", "configuration");

    private static final Map<Integer, Action> SECURITY =
            Map.ofEntries(
                    row(1102, "audit-log-cleared", IAM, "admin", "change"),
                    row(4624, "logged-in", AUTH, "start"),
                    row(4625, "logon-failed", AUTH, "start"),
                    row(4634, "logged-out", AUTH, "end"),
                    row(4647, "logged-out", AUTH, "end"),
                    row(4648, "logged-in-explicit", AUTH, "start"),
                    row(4672, "logged-in-special", IAM, "admin"),
                    row(4673, "privileged-service-called", IAM, "admin"),
                    row(4674, "privileged-operation", IAM, "admin"),
                    row(4688, "created-process", List.of("process"), "start"),
                    row(4689, "exited-process", List.of("process"), "end"),
                    row(4697, "service-installed", IAM_CONFIG, "admin", "change"),
                    row(4698, "scheduled-task-created", IAM_CONFIG, "creation", "admin"),
                    row(4699, "scheduled-task-deleted", IAM_CONFIG, "deletion", "admin"),
                    row(4700, "scheduled-task-enabled", IAM_CONFIG, "change", "admin"),
                    row(4701, "scheduled-task-disabled", IAM_CONFIG, "change", "admin"),
                    row(4702, "scheduled-task-updated", IAM_CONFIG, "change", "admin"),
                    row(4719, "changed-audit-config", IAM_CONFIG, "admin", "change"),
                    row(4720, "added-user-account", IAM, "user", "creation"),
                    row(4722, "enabled-user-account", IAM, "user", "change"),
                    row(4723, "changed-password", IAM, "user", "change"),
                    row(4724, "reset-password", IAM, "user", "change"),
                    row(4725, "disabled-user-account", IAM, "user", "deletion"),
                    row(4726, "deleted-user-account", IAM, "user", "deletion"),
                    row(4728, "added-member-to-group", IAM, "group", "change"),
                    row(4729, "removed-member-from-group", IAM, "group", "change"),
                    row(4732, "added-member-to-group", IAM, "group", "change"),
                    row(4733, "removed-member-from-group", IAM, "group", "change"),
                    row(4738, "modified-user-account", IAM, "user", "change"),
                    row(4740, "locked-out-user-account", IAM, "user", "change"),
                    row(4756, "added-member-to-group", IAM, "group", "change"),
                    row(4757, "removed-member-from-group", IAM, "group", "change"),
                    row(4768, "kerberos-authentication-ticket-requested", AUTH, "start"),
                    row(4769, "kerberos-service-ticket-requested", AUTH, "start"),
                    row(4770, "kerberos-service-ticket-renewed", AUTH, "start"),
                    row(4771, "kerberos-preauth-failed", AUTH, "start"),
                    row(4776, "credential-validated", AUTH, "start"),
                    row(4778, "session-reconnected", List.of("authentication", "session"), "start"),
                    row(4779, "session-disconnected", List.of("authentication", "session"), "end"),
                    row(4798, "group-membership-enumerated", IAM, "user", "info"),
                    row(4799, "user-member-enumerated", IAM, "group", "info"));

    /** 7045 of the Service Control Manager in the System channel: a service was installed. */
    static final Action SERVICE_INSTALLED =
            new Action("service-installed", List.of("configuration"), List.of("creation"));

    /** The categorization of a Security event id, or null for ids without one. */
    static Action security(long eventId) {
        int id = (int) eventId; // as the map was keyed: by the low 32 bits
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** The table by id, looked up once per Security event without boxing the id. */
    private static final Action[] BY_ID = byId();

    private static Action[] byId() {
        int max = SECURITY.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        Action[] byId = new Action[max + 1];
        SECURITY.forEach((id, action) -> byId[id] = action);
        return byId;
    }

    private static Map.Entry<Integer, Action> row(
            int id, String action, List<String> categories, String... types) {
        return Map.entry(id, new Action(action, categories, List.of(types)));
    }
}
