package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DocumentConverterTest {
    private static final Instant INGEST = Instant.parse("2024-07-15T08:00:00Z");
    private static final Instant LOGON = Instant.parse("2024-05-31T23:59:59Z");
    private static final Instant FIRST_4672 = Instant.parse("2024-06-01T00:00:01Z");

    private final DocumentConverter converter =
            new DocumentConverter("rt", Clock.fixed(INGEST, ZoneOffset.UTC));

    @Test
    void anEventGoesToTheMonthOfItsTimestamp() {
        EcsDocument event = EcsDocument.event("e1");
        event.put(Ecs.TIMESTAMP, Instant.parse("2024-05-01T12:00:03Z"));
        event.put(Ecs.HOST_NAME, "ws01");

        BulkEntry entry = converter.toEntry(event);

        assertThat(entry.index()).isEqualTo("rt-events-2024.05");
        assertThat(entry.id()).isEqualTo("e1");
        assertThat(entry.version()).isNotNull().isNotNegative();
        assertThat(entry.kind()).isEqualTo("events");
        assertThat(new String(entry.source(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"host\":{\"name\":\"ws01\"}}");
    }

    @Test
    void aDocumentWithoutTimestampGoesToTheMonthOfIngest() {
        BulkEntry entry = converter.toEntry(new EcsDocument(Kind.DEADLETTER, "d1"));
        assertThat(entry.index()).isEqualTo("rt-deadletter-2024.07");
    }

    @Test
    void aSessionStaysInTheMonthOfItsKeyTimeWhateverItsTimestamp() {
        EcsDocument first = new EcsDocument(Kind.SESSIONS, "s1");
        first.put(Ecs.TIMESTAMP, FIRST_4672);
        first.put(Ecs.RUNTRAIL_KEY_TIME, LOGON);
        first.put(Ecs.RUNTRAIL_REVISION, 1L);
        EcsDocument later = first.copy();
        later.put(Ecs.TIMESTAMP, LOGON);
        later.put(Ecs.RUNTRAIL_REVISION, 2L);

        assertThat(converter.toEntry(first).index()).isEqualTo("rt-sessions-2024.05");
        assertThat(converter.toEntry(later).index()).isEqualTo("rt-sessions-2024.05");
        assertThat(converter.toEntry(first).version()).isEqualTo(1L);
        assertThat(converter.toEntry(later).version()).isEqualTo(2L);
    }

    @Test
    void eventsIgnoreRevisionAndKeyTime() {
        EcsDocument event = EcsDocument.event("e2");
        event.put(Ecs.TIMESTAMP, FIRST_4672);
        event.put(Ecs.RUNTRAIL_KEY_TIME, LOGON);
        event.put(Ecs.RUNTRAIL_REVISION, 3L);
        BulkEntry entry = converter.toEntry(event);
        assertThat(entry.index()).isEqualTo("rt-events-2024.06");
        EcsDocument withoutRevision = EcsDocument.event("e2");
        withoutRevision.put(Ecs.TIMESTAMP, FIRST_4672);
        assertThat(entry.version())
                .isNotEqualTo(3L)
                .isEqualTo(converter.toEntry(withoutRevision).version());
    }

    @Test
    void copiesOfOneEventRankByFormatThenByWhereTheyWereRead() {
        String[] byFidelity = {
            "evtx",
            "windows-xml",
            "winlogbeat-json",
            "nxlog-json",
            "windows-eventviewer-csv",
            "other"
        };
        String[] folders = {"/a", "/exports/2024/zz", "C:\\Logs", "kafka:runtrail.raw.windows/0"};
        for (int better = 0; better < byFidelity.length - 1; better++) {
            for (String betterFolder : folders) {
                for (String worseFolder : folders) {
                    long high = rank(byFidelity[better], betterFolder, 1_000_000_000L);
                    long low = rank(byFidelity[better + 1], worseFolder, 0L);
                    assertThat(high)
                            .as(byFidelity[better] + " over " + byFidelity[better + 1])
                            .isGreaterThan(low);
                }
            }
        }
        // the same copy read again ranks the same: Elasticsearch accepts it (external_gte)
        assertThat(rank("evtx", "/a", 4096)).isEqualTo(rank("evtx", "/a", 4096));
        // the same export in two folders: ordered, whatever the order they arrive in
        assertThat(rank("evtx", "/a", 4096)).isNotEqualTo(rank("evtx", "/b", 4096));
        assertThat(rank("evtx", "/a", 4096)).isNotEqualTo(rank("evtx", "/a", 4608));
        for (String format : byFidelity) {
            assertThat(rank(format, "/x", Long.MAX_VALUE)).isNotNegative();
        }
    }

    /**
     * The version stays the same across releases and threads, whatever was ranked before: its low
     * 48 bits are FNV-1a (64-bit, over each UTF-16 unit's low then high byte) of source, newline
     * and position, computed here from the published constants.
     */
    @Test
    void theRankIsFnv1aOfWhereTheCopyWasReadWhateverCameBefore() {
        long low48 = (1L << 48) - 1;
        long expected = (5L << 48) | (fnv1a("/a/Security\n4096") & low48);
        assertThat(rank("evtx", "/a", 4096)).isEqualTo(expected);
        assertThat(rank("evtx", "/b", 1)).isEqualTo((5L << 48) | (fnv1a("/b/Security\n1") & low48));
        assertThat(rank("windows-xml", "/b", 2))
                .isEqualTo((4L << 48) | (fnv1a("/b/Security\n2") & low48));
        assertThat(rank("evtx", "/a", 4096)).isEqualTo(expected);
    }

    private static long fnv1a(String text) {
        long h = 0xcbf29ce484222325L;
        for (char c : text.toCharArray()) {
            h = (h ^ (c & 0xff)) * 0x100000001b3L;
            h = (h ^ (c >>> 8)) * 0x100000001b3L;
        }
        return h;
    }

    @Test
    void deadLettersCarryNoVersion() {
        assertThat(converter.toEntry(new EcsDocument(Kind.DEADLETTER, "d2")).version()).isNull();
    }

    private long rank(String format, String folder, long position) {
        EcsDocument event = EcsDocument.event("same-id");
        event.put(Ecs.TIMESTAMP, LOGON);
        event.put(Ecs.RUNTRAIL_FORMAT, format);
        event.put(Ecs.RUNTRAIL_SOURCE, folder + "/Security");
        event.put(Ecs.RUNTRAIL_SOURCE_POSITION, position);
        return converter.toEntry(event).version();
    }

    @Test
    void aDocumentWithoutIdGetsOneFromItsContent() {
        EcsDocument a = EcsDocument.event(null).put(Ecs.MESSAGE, "same");
        EcsDocument b = EcsDocument.event(null).put(Ecs.MESSAGE, "same");
        EcsDocument c = EcsDocument.event(null).put(Ecs.MESSAGE, "other");
        assertThat(converter.toEntry(a).id()).isNotBlank().isEqualTo(converter.toEntry(b).id());
        assertThat(converter.toEntry(a).id()).isNotEqualTo(converter.toEntry(c).id());
    }
}
