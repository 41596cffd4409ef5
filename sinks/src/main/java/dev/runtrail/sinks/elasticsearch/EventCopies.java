package dev.runtrail.sinks.elasticsearch;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.Map;

/**
 * Decides which copy of an event Elasticsearch keeps when one event arrives more than once with the
 * same id: a Windows event has the same id in every export of its log (EVTX, XML, Winlogbeat), and
 * whichever copy was indexed last used to win, so re-running an import over the same files could
 * leave different {@code event.original}s behind. Each copy now gets a rank, sent as an {@code
 * external_gte} version: Elasticsearch keeps the copy of the highest rank whatever the order in
 * which the copies arrive, and sending the same copy again is accepted (equal version).
 *
 * <p>The rank is the format's fidelity (the binary EVTX record first, then the XML rendering, the
 * Winlogbeat and NXLog JSON, the Event Viewer CSV, anything else last) in the high bits, and a
 * stable 48-bit hash of where the copy was read (source name and position) below it, so that two
 * copies in the same format (the same export in two folders) are ordered too.
 */
final class EventCopies {
    private static final Map<String, Long> FIDELITY =
            Map.of(
                    "evtx", 5L,
                    "windows-xml", 4L,
                    "winlogbeat-json", 3L,
                    "nxlog-json", 2L,
                    "windows-eventviewer-csv", 1L);

    private static final long LOW_48 = (1L << 48) - 1;

    private EventCopies() {}

    /** The rank of this copy; higher wins. Never negative. */
    static long rank(EcsDocument event) {
        Object format = event.get(Ecs.RUNTRAIL_FORMAT);
        long fidelity = format == null ? 0 : FIDELITY.getOrDefault(format.toString(), 0L);
        Object source = event.get(Ecs.RUNTRAIL_SOURCE);
        Object position = event.get(Ecs.RUNTRAIL_SOURCE_POSITION);
        long hash = SOURCE_HASH.get().of(source == null ? "" : source.toString());
        hash = fnv1a(hash, position == null ? "" : position.toString());
        return (fidelity << 48) | (hash & LOW_48);
    }

    private static final ThreadLocal<SourceHash> SOURCE_HASH =
            ThreadLocal.withInitial(SourceHash::new);

    /**
     * The hash of the last source name and the newline after it, per thread: a file's events come
     * one after the other with the same name, and hashing a path of some dozens of characters for
     * each of them was 2% of a sink writer's time.
     */
    private static final class SourceHash {
        private String source;
        private long hash;

        long of(String name) {
            if (!name.equals(source)) {
                hash = fnv1a(fnv1a(FNV_OFFSET, name), "\n");
                source = name;
            }
            return hash;
        }
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /**
     * 64-bit FNV-1a over the string's UTF-16 code units: fixed by its definition, unlike hashCode.
     */
    private static long fnv1a(long hash, String text) {
        long h = hash;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        return h;
    }
}
