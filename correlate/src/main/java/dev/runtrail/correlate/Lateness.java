package dev.runtrail.correlate;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;

/** Marks events whose time the watermark had already passed when they arrived. */
public final class Lateness {
    private Lateness() {}

    /** Sets {@link Fields#LATE} when the event is behind the watermark; returns the event. */
    public static EcsDocument mark(EcsDocument event, long watermark) {
        long ts = Times.millis(event, Ecs.TIMESTAMP);
        if (ts != Times.NONE && ts < watermark) {
            event.put(Fields.LATE, Boolean.TRUE);
        }
        return event;
    }

    /** The event's time, or the watermark when it has none. */
    public static long timeOf(EcsDocument event, long watermark) {
        long ts = Times.millis(event, Ecs.TIMESTAMP);
        return ts == Times.NONE ? watermark : ts;
    }
}
