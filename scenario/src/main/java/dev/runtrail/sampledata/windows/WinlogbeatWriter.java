package dev.runtrail.sampledata.windows;

import dev.runtrail.sampledata.Json;
import dev.runtrail.sampledata.world.WindowsHost;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Winlogbeat 8 file output: one JSON document per event with {@code winlog.*} as the beat fills it
 * without an ingest pipeline (event_data verbatim, event_id as a string, user_data for 1102).
 */
public final class WinlogbeatWriter implements EventFileWriter {
    private static final String VERSION = "8.13.4";
    private final Writer out;
    private final WindowsHost host;
    private final String agentId;
    private final String ephemeralId;
    private final int lsassPid;
    private final int eventlogPid;

    public WinlogbeatWriter(
            Path file,
            WindowsHost host,
            String agentId,
            String ephemeralId,
            int lsassPid,
            int eventlogPid)
            throws IOException {
        this.out =
                new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        this.host = host;
        this.agentId = agentId;
        this.ephemeralId = ephemeralId;
        this.lsassPid = lsassPid;
        this.eventlogPid = eventlogPid;
    }

    @Override
    public void write(long recordId, int threadId, WinEvent event) throws IOException {
        EventKind kind = EventKind.of(event.eventId());
        Instant time = event.time().truncatedTo(ChronoUnit.MILLIS);
        // The beat reads the record a moment after Windows wrote it.
        Instant created = time.plus(Duration.ofMillis(400 + (recordId * 37) % 1600));
        Json fields = Json.object();
        event.data().forEach(fields::put);
        Json winlog =
                Json.object()
                        .put("api", "wineventlog")
                        .put("channel", "Security")
                        .put("computer_name", host.fqdn());
        if (kind.userData()) {
            fields.put("xml_name", "LogFileCleared");
            winlog.put("user_data", fields);
        } else {
            winlog.put("event_data", fields);
        }
        winlog.put("event_id", Integer.toString(kind.eventId()))
                .put("keywords", java.util.List.of("Audit Success"))
                .put("opcode", "Info")
                .put(
                        "process",
                        Json.object()
                                .put("pid", kind.eventlogProvider() ? eventlogPid : lsassPid)
                                .put("thread", Json.object().put("id", threadId)))
                .put("provider_guid", kind.providerGuid())
                .put("provider_name", kind.providerName())
                .put("record_id", Long.toString(recordId))
                .put("task", kind.taskName());
        if (event.version() > 0) {
            // The beat reports the event version only when it is not zero.
            winlog.put("version", event.version());
        }
        Json doc =
                Json.object()
                        .put("@timestamp", time.toString())
                        .put(
                                "agent",
                                Json.object()
                                        .put("ephemeral_id", ephemeralId)
                                        .put("id", agentId)
                                        .put("name", host.netbios())
                                        .put("type", "winlogbeat")
                                        .put("version", VERSION))
                        .put("ecs", Json.object().put("version", "8.0.0"))
                        .put(
                                "event",
                                Json.object()
                                        .put("action", kind.taskName())
                                        .put("code", Integer.toString(kind.eventId()))
                                        .put("created", created.toString())
                                        .put("kind", "event")
                                        .put("outcome", "success")
                                        .put("provider", kind.providerName()))
                        .put(
                                "host",
                                Json.object().put("name", host.netbios().toLowerCase(Locale.ROOT)))
                        .put("log", Json.object().put("level", "information"))
                        .put("message", kind.message())
                        .put("winlog", winlog);
        out.write(doc.compact());
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
