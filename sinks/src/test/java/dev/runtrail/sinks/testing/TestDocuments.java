package dev.runtrail.sinks.testing;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.apache.flink.api.common.functions.MapFunction;

/** Seeded builders of realistic documents for sink tests. */
public final class TestDocuments {
    private TestDocuments() {}

    /** Two months of events: the first half in May 2024, the second in June. */
    public static final Instant MAY = Instant.parse("2024-05-20T08:00:00Z");

    public static final Instant JUNE = Instant.parse("2024-06-03T08:00:00Z");

    /** The i-th of n Windows logon events; the same i always gives the same document. */
    /** Maps the sequence numbers 0..count-1 to {@link #event(long, long)}; runs inside a job. */
    public record Events(long count) implements MapFunction<Long, EcsDocument> {
        @Override
        public EcsDocument map(Long i) {
            return event(i, count);
        }
    }

    public static EcsDocument event(long i, long n) {
        Random random = new Random(i);
        Instant base = i < n / 2 ? MAY : JUNE;
        EcsDocument doc = EcsDocument.event(Hashing.docId("test-event", Long.toString(i)));
        doc.put(Ecs.TIMESTAMP, base.plus(Duration.ofSeconds(i)));
        doc.put(Ecs.EVENT_KIND, "event");
        doc.put(Ecs.EVENT_CODE, "4624");
        doc.put(Ecs.EVENT_ACTION, "logged-in");
        doc.put(Ecs.WINLOG_EVENT_ID, 4624L);
        doc.put(Ecs.WINLOG_RECORD_ID, 1000 + i);
        doc.put(Ecs.HOST_NAME, "ws" + (i % 7) + ".corp.example");
        doc.put(Ecs.USER_NAME, "svc_airflow" + (i % 3));
        doc.put(Ecs.SOURCE_IP, "10.0." + random.nextInt(256) + "." + random.nextInt(256));
        doc.put(Ecs.PROCESS_PID, (long) random.nextInt(65536));
        doc.put(Ecs.WINLOG_EVENT_DATA + "TargetLogonId", "0x" + Long.toHexString(0x3e7 + i));
        doc.put(Ecs.WINLOG_EVENT_DATA + "LogonType", "3");
        doc.put(
                Ecs.EVENT_ORIGINAL,
                "<Event><System><EventID>4624</EventID><EventRecordID>"
                        + (1000 + i)
                        + "</EventRecordID></System></Event>");
        return doc;
    }

    /** Revision {@code revision} of the i-th DAG run record. */
    public static EcsDocument run(long i, long revision) {
        EcsDocument doc = new EcsDocument(Kind.RUNS, Hashing.docId("test-run", Long.toString(i)));
        Instant logical = MAY.plus(Duration.ofHours(i));
        doc.put(Ecs.TIMESTAMP, logical.plus(Duration.ofMinutes(revision)));
        doc.put(Ecs.RUNTRAIL_KEY_TIME, logical);
        doc.put(Ecs.AIRFLOW_DAG_ID, "etl_" + (i % 4));
        doc.put(Ecs.AIRFLOW_RUN_ID, "scheduled__" + logical);
        doc.put(Ecs.AIRFLOW_LOGICAL_DATE, logical);
        doc.put(Ecs.AIRFLOW_STATE, revision < 3 ? "running" : "success");
        doc.put(Ecs.RUNTRAIL_REVISION, revision);
        return doc;
    }
}
