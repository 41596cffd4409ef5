package dev.runtrail.ingest.windows;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import java.util.Map;

/**
 * Maps a {@link WindowsRecord} to an ECS event the way Elastic's Security mapping does, with one
 * deliberate difference: {@code winlog.logon.id} is the id of the session the event belongs to
 * (TargetLogonId for logon/logoff, SubjectLogonId for 4672/4688/4648), so sessions can be joined on
 * it (elastic/integrations#20004). Both raw ids stay under {@code winlog.event_data}.
 */
public final class WindowsEventMapper {
    private WindowsEventMapper() {}

    /**
     * {@code winlog.event_data.<name>} by name: open addressing over a fixed table, so odd inputs
     * with endless distinct names cannot grow it. Shared by all threads without locks: an entry is
     * an immutable pair, so a reader sees a whole entry or none, and a lost or overwritten entry
     * only means a key is concatenated again.
     */
    private static final DataKey[] EVENT_DATA_KEYS = new DataKey[4096];

    private static final int MAX_PROBES = 4;

    private record DataKey(String name, String key) {}

    /**
     * Room for the fields of an event other than its {@code winlog.event_data}: up to 42 in the
     * shared samples (21 header fields set here, the Security mapping's, the reader's stamp). A
     * closer fit than a fixed size: a document's index doubles its room, so spare room costs twice.
     */
    private static final int FIELDS_BESIDE_EVENT_DATA = 42;

    /**
     * Dataset of events from the Security channel; other channels get {@code windows.<channel>}.
     */
    public static final String SECURITY_DATASET = "windows.security";

    /**
     * Deterministic id of a Windows event: the same event read from EVTX, XML or JSON exports gets
     * the same id, so overlapping exports do not duplicate it.
     */
    public static String documentId(WindowsRecord r) {
        // the same id as Hashing.docId("winlog", lower-cased computer, lower-cased channel,
        // record id, time or ""), without a String per part
        Hashing.IdBuilder id =
                Hashing.idBuilder()
                        .part("winlog")
                        .lowerCasePart(r.computer())
                        .lowerCasePart(r.channel())
                        .part(r.recordId());
        return (r.timeCreated() == null ? id.part("") : id.part(r.timeCreated())).build();
    }

    /**
     * The ECS event for this record (without event.original/hash, which the reader stamps). A
     * record without a record id (Event Viewer CSV, some NXLog exports) gets no id here, so that
     * the reader's positional id applies instead of one shared by events of the same time.
     */
    public static EcsDocument toEcs(WindowsRecord r) {
        return toEcs(r, null);
    }

    /**
     * Like {@link #toEcs(WindowsRecord)}, expecting the fields of {@code layout} (see {@link
     * EcsDocument#event(String, int, EcsDocument.Layout)}): readers that keep the layout of the
     * last event of each id make most documents without indexing their fields.
     */
    public static EcsDocument toEcs(WindowsRecord r, EcsDocument.Layout layout) {
        return toEcs(r, layout, false);
    }

    /**
     * Like {@link #toEcs(WindowsRecord, EcsDocument.Layout)}; with {@code valuesRedacted} (the
     * reader redacted every value of the record as it read them, as the EVTX reader does) the
     * document is {@link EcsDocument#markSourceTextRedacted marked} so, and the fields that copy a
     * value as it is are put with {@link EcsDocument#putRedacted}: the final redaction pass need
     * not scan them again.
     */
    public static EcsDocument toEcs(
            WindowsRecord r, EcsDocument.Layout layout, boolean valuesRedacted) {
        EcsDocument doc =
                EcsDocument.event(
                        r.recordId() > 0 ? documentId(r) : null,
                        FIELDS_BESIDE_EVENT_DATA + r.eventData().size(),
                        layout);
        if (valuesRedacted) {
            doc.markSourceTextRedacted();
        }
        doc.put(Ecs.TIMESTAMP, r.timeCreated());
        doc.put(Ecs.EVENT_KIND, "event");
        NumberText eventId = NumberText.of(r.eventId());
        doc.put(Ecs.EVENT_CODE, eventId.text);
        doc.putRedacted(Ecs.EVENT_PROVIDER, r.providerName());
        doc.put(Ecs.EVENT_MODULE, "windows");
        boolean security = isSecurity(r.channel());
        doc.put(Ecs.EVENT_DATASET, security ? SECURITY_DATASET : dataset(r.channel()));
        doc.putRedacted(Ecs.HOST_NAME, r.computer());
        doc.putRedacted(Ecs.MESSAGE, r.message());
        doc.put(Ecs.WINLOG_EVENT_ID, eventId.boxed);
        doc.put(Ecs.WINLOG_RECORD_ID, r.recordId());
        doc.putRedacted(Ecs.WINLOG_CHANNEL, r.channel());
        doc.putRedacted(Ecs.WINLOG_COMPUTER_NAME, r.computer());
        doc.putRedacted(Ecs.WINLOG_PROVIDER_NAME, r.providerName());
        doc.put(Ecs.WINLOG_PROVIDER_GUID, lowerCaseGuid(r.providerGuid()));
        doc.put(Ecs.WINLOG_VERSION, r.version());
        doc.put(Ecs.WINLOG_TASK, r.task() == null ? null : NumberText.of(r.task()).text);
        doc.put(Ecs.WINLOG_OPCODE, r.opcode() == null ? null : NumberText.of(r.opcode()).text);
        doc.putRedacted(Ecs.WINLOG_KEYWORDS, r.keywords());
        doc.put(Ecs.WINLOG_PROCESS_PID, r.processId());
        doc.put(Ecs.WINLOG_PROCESS_THREAD_ID, r.threadId());
        doc.putRedacted(Ecs.WINLOG_USER_IDENTIFIER, r.userSid());
        if (r.eventData() instanceof EventDataMap data) {
            for (int i = 0, n = data.size(); i < n; i++) {
                String field = data.ecsFieldAt(i);
                doc.putRedacted(
                        field != null ? field : eventDataKey(data.keyAt(i)), data.valueAt(i));
            }
        } else {
            for (Map.Entry<String, String> e : r.eventData().entrySet()) {
                doc.putRedacted(eventDataKey(e.getKey()), e.getValue());
            }
        }
        if (security || "Microsoft-Windows-Security-Auditing".equals(r.providerName())) {
            SecurityEvents.map(r, doc);
        } else if (r.eventId() == 7045 && isServiceControlManager(r)) {
            SecurityEvents.mapServiceInstalled(r, doc);
        }
        return doc;
    }

    /** {@link #lowerCaseGuid}'s answers for the GUIDs seen last: one provider's repeats. */
    private static final StringMemo<String> LOWER_CASE_GUIDS =
            new StringMemo<>(WindowsEventMapper::lowerCaseIfGuid, 16);

    /**
     * A GUID ({@code {8-4-4-4-12}} hex digits, braces optional) with its hex digits in lower case,
     * as Winlogbeat and {@code evtxexport} write them; anything else as given. Event Viewer and the
     * EVTX renderer write upper case, so copies of one event read from different exports would
     * otherwise disagree in {@code winlog.provider_guid}, and a search for one spelling would miss
     * the other. An equal value seen lately gets the same instance again, which the redactor's
     * memory of clean values then recognises.
     */
    static String lowerCaseGuid(String guid) {
        return guid == null ? null : LOWER_CASE_GUIDS.apply(guid);
    }

    private static String lowerCaseIfGuid(String guid) {
        return isGuid(guid) && hasUpperCaseHexDigit(guid)
                ? guid.toLowerCase(java.util.Locale.ROOT)
                : guid;
    }

    private static boolean isGuid(String s) {
        int start = s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}' ? 1 : 0;
        if (s.length() != 36 + 2 * start) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(start + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (dash ? c != '-' : !hex) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasUpperCaseHexDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'F') {
                return true;
            }
        }
        return false;
    }

    /**
     * The decimal text and the boxed value of a number, for the few event ids, tasks and opcodes
     * that every event repeats: kept in a small table instead of being made per event. Shared by
     * all threads without locks, like {@link #EVENT_DATA_KEYS}.
     */
    private record NumberText(long value, String text, Long boxed) {
        private static final int KNOWN_BITS = 10;
        private static final NumberText[] KNOWN = new NumberText[1 << KNOWN_BITS];

        static NumberText of(long value) {
            // Fibonacci hashing: task and opcode codes lie multiples of 256 or 1024 apart
            // (0x3000, 0x3400, 0x3500), which the low bits alone put in one slot
            int i = (int) ((value * 0x9E3779B97F4A7C15L) >>> (64 - KNOWN_BITS));
            NumberText known = KNOWN[i];
            if (known != null && known.value == value) {
                return known;
            }
            NumberText number = new NumberText(value, Long.toString(value), value);
            KNOWN[i] = number;
            return number;
        }
    }

    private static boolean isSecurity(String channel) {
        // (an exact match first: it is how EVTX and most exports write it)
        return channel != null
                && (channel.equals("Security") || channel.equalsIgnoreCase("Security"));
    }

    private static boolean isServiceControlManager(WindowsRecord r) {
        return "System".equalsIgnoreCase(r.channel())
                || "Service Control Manager".equals(r.providerName());
    }

    /**
     * {@code winlog.event_data.<name>}; the few hundred names Windows uses repeat in every event,
     * so the concatenated keys are kept instead of being rebuilt per field.
     */
    public static String eventDataKey(String name) {
        // parsers hand out one (interned) String per name, so the identity test settles most
        // lookups
        int h = name.hashCode();
        int mask = EVENT_DATA_KEYS.length - 1;
        int first = (h ^ (h >>> 16)) & mask;
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            DataKey entry = EVENT_DATA_KEYS[(first + probe) & mask];
            if (entry == null) {
                break;
            }
            if (entry.name == name || entry.name.equals(name)) {
                return entry.key;
            }
        }
        String key = Ecs.WINLOG_EVENT_DATA + name;
        remember(first, mask, new DataKey(name, key));
        return key;
    }

    /** Into the first free slot of the probe run, else over the first slot. */
    private static void remember(int first, int mask, DataKey entry) {
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            int i = (first + probe) & mask;
            if (EVENT_DATA_KEYS[i] == null) {
                EVENT_DATA_KEYS[i] = entry;
                return;
            }
        }
        EVENT_DATA_KEYS[first] = entry;
    }

    /** Channels are few and repeat on every event: their dataset names are computed once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> DATASETS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static String dataset(String channel) {
        if (channel == null || isSecurity(channel)) {
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
}
