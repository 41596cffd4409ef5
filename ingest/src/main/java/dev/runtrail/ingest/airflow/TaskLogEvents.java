package dev.runtrail.ingest.airflow;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.time.Instant;

/** What every task log format does alike: the event a log line starts as, and its time. */
final class TaskLogEvents {
    private TaskLogEvents() {}

    /** A new task log event with its time, kind, module and level; the id is left to the stamp. */
    static EcsDocument start(Instant time, String level) {
        EcsDocument doc = EcsDocument.event(null);
        doc.put(Ecs.TIMESTAMP, time);
        doc.put(Ecs.EVENT_KIND, "event");
        doc.put(Ecs.EVENT_MODULE, "airflow");
        doc.put(Ecs.LOG_LEVEL, level);
        return doc;
    }

    /**
     * The time written in a line, null when the line has none.
     *
     * @param expected what the time should be, for the reason when it is not
     * @throws UnmappableRecord when the text is present but not a time
     */
    static Instant optionalTime(String text, String expected) throws UnmappableRecord {
        if (text == null) {
            return null;
        }
        Instant time = AirflowTime.parse(text);
        if (time == null) {
            throw new UnmappableRecord("expected " + expected + " but found '" + text + "'");
        }
        return time;
    }
}
