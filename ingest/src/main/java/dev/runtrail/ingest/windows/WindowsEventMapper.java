package dev.runtrail.ingest.windows;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.IsoInstantText;
import java.util.Map;

/**
 * Maps a {@link WindowsRecord} to an ECS event the way Elastic's Security mapping does, with one
 * deliberate difference: {@code winlog.logon.id} is the id of the session the event belongs to
 * (TargetLogonId for logon/logoff, SubjectLogonId for 4672/4688/4648), so sessions can be joined on
 * it (elastic/integrations#20004). Both raw ids stay under {@code winlog.event_data}.
 */
public final class WindowsEventMapper {
    private WindowsEventMapper() {}

    /** Bound on cached keys, so odd inputs with endless distinct names cannot grow it forever. */
    private static final int MAX_CACHED_KEYS = 4096;

    private static final Map<String, String> EVENT_DATA_KEYS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Dataset of events from the Security channel; other channels get {@code windows.<channel>}.
     */
    public static final String SECURITY_DATASET = "windows.security";

    /**
     * Deterministic id of a Windows event: the same event read from EVTX, XML or JSON exports gets
     * the same id, so overlapping exports do not duplicate it.
     */
    public static String documentId(WindowsRecord r) {
        return Hashing.docId(
                "winlog",
                lower(r.computer()),
                lower(r.channel()),
                Long.toString(r.recordId()),
                r.timeCreated() == null ? "" : IsoInstantText.text(r.timeCreated()));
    }

    /**
     * The ECS event for this record (without event.original/hash, which the reader stamps). A
     * record without a record id (Event Viewer CSV, some NXLog exports) gets no id here, so that
     * the reader's positional id applies instead of one shared by events of the same time.
     */
    public static EcsDocument toEcs(WindowsRecord r) {
        EcsDocument doc = EcsDocument.event(r.recordId() > 0 ? documentId(r) : null);
        doc.put(Ecs.TIMESTAMP, r.timeCreated());
        doc.put(Ecs.EVENT_KIND, "event");
        doc.put(Ecs.EVENT_CODE, Long.toString(r.eventId()));
        doc.put(Ecs.EVENT_PROVIDER, r.providerName());
        doc.put(Ecs.EVENT_MODULE, "windows");
        doc.put(Ecs.EVENT_DATASET, dataset(r.channel()));
        doc.put(Ecs.HOST_NAME, r.computer());
        doc.put(Ecs.MESSAGE, r.message());
        doc.put(Ecs.WINLOG_EVENT_ID, r.eventId());
        doc.put(Ecs.WINLOG_RECORD_ID, r.recordId());
        doc.put(Ecs.WINLOG_CHANNEL, r.channel());
        doc.put(Ecs.WINLOG_COMPUTER_NAME, r.computer());
        doc.put(Ecs.WINLOG_PROVIDER_NAME, r.providerName());
        doc.put(Ecs.WINLOG_PROVIDER_GUID, r.providerGuid());
        doc.put(Ecs.WINLOG_VERSION, r.version());
        doc.put(Ecs.WINLOG_TASK, r.task() == null ? null : r.task().toString());
        doc.put(Ecs.WINLOG_OPCODE, r.opcode() == null ? null : r.opcode().toString());
        doc.put(Ecs.WINLOG_KEYWORDS, r.keywords());
        doc.put(Ecs.WINLOG_PROCESS_PID, r.processId());
        doc.put(Ecs.WINLOG_PROCESS_THREAD_ID, r.threadId());
        doc.put(Ecs.WINLOG_USER_IDENTIFIER, r.userSid());
        if (r.eventData() instanceof EventDataMap data) {
            for (int i = 0, n = data.size(); i < n; i++) {
                doc.put(eventDataKey(data.keyAt(i)), data.valueAt(i));
            }
        } else {
            for (Map.Entry<String, String> e : r.eventData().entrySet()) {
                doc.put(eventDataKey(e.getKey()), e.getValue());
            }
        }
        if ("Security".equalsIgnoreCase(r.channel())
                || "Microsoft-Windows-Security-Auditing".equals(r.providerName())) {
            SecurityEvents.map(r, doc);
        } else if (r.eventId() == 7045 && isServiceControlManager(r)) {
            SecurityEvents.mapServiceInstalled(r, doc);
        }
        return doc;
    }

    private static boolean isServiceControlManager(WindowsRecord r) {
        return "System".equalsIgnoreCase(r.channel())
                || "Service Control Manager".equals(r.providerName());
    }

    /**
     * {@code winlog.event_data.<name>}; the few hundred names Windows uses repeat in every event,
     * so the concatenated keys are kept instead of being rebuilt per field.
     */
    static String eventDataKey(String name) {
        String key = EVENT_DATA_KEYS.get(name);
        if (key == null) {
            key = Ecs.WINLOG_EVENT_DATA + name;
            if (EVENT_DATA_KEYS.size() < MAX_CACHED_KEYS) {
                EVENT_DATA_KEYS.put(name, key);
            }
        }
        return key;
    }

    /** Channels are few and repeat on every event: their dataset names are computed once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> DATASETS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static String dataset(String channel) {
        if (channel == null || channel.equalsIgnoreCase("Security")) {
            return SECURITY_DATASET;
        }
        if (DATASETS.size() > 10_000) {
            DATASETS.clear(); // bounded even for adversarial input
        }
        return DATASETS.computeIfAbsent(channel, WindowsEventMapper::datasetOf);
    }

    private static String datasetOf(String channel) {
        String simple = channel.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return "windows." + simple.replaceAll("^_+|_+$", "");
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
    }
}
