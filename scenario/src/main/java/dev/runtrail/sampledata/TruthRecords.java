package dev.runtrail.sampledata;

import dev.runtrail.sampledata.truth.Truth;
import dev.runtrail.sampledata.windows.Logon;
import dev.runtrail.sampledata.windows.WevtutilXmlWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** The shapes of truth.json entries, in one place so README and tests have one reference. */
final class TruthRecords {
    static final String BY_COMMAND_LINE = "command_line";
    static final String BY_HOST_ACCOUNT_IP = "host_account_ip";
    static final String BY_HOST_ACCOUNT_TIME = "host_account_time";

    private TruthRecords() {}

    static Json session(Logon logon) {
        return Json.object()
                .put("host", logon.host().fqdn())
                .put("logon_id", logon.logonId())
                .put("logon_time", WevtutilXmlWriter.systemTime(logon.time()))
                .put("account", logon.account().qualified())
                .put("logon_type", logon.logonType());
    }

    static Json linkedSession(Logon logon, String method) {
        return session(logon).put("method", method);
    }

    static Json record(Logon logon, int eventId, Instant hostTime) {
        return Json.object()
                .put("host", logon.host().fqdn())
                .put("event_id", eventId)
                .put("logon_id", logon.logonId())
                .put("time", WevtutilXmlWriter.systemTime(hostTime));
    }

    static void noise(Truth truth, Logon logon, String kind) throws IOException {
        truth.add(Truth.Section.NOISE_SESSIONS, session(logon).put("kind", kind));
    }

    static void anomaly(
            Truth truth, AnomalyKind kind, String description, RunPlan run, List<Json> records)
            throws IOException {
        truth.add(
                Truth.Section.ANOMALIES,
                Json.object()
                        .put("kind", kind.key())
                        .put("description", description)
                        .put("dag_id", run == null ? null : run.dag().dagId())
                        .put("run_id", run == null ? null : run.runId())
                        .put("records", records));
    }
}
