package dev.runtrail.sampledata.windows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Security-log record before it is written: the host-clock time, the event id and version, and
 * its EventData (or, for 1102, UserData) fields in the order Windows writes them.
 */
public record WinEvent(Instant time, int eventId, int version, Map<String, String> data) {

    /** An event at its catalog version. */
    public WinEvent(Instant time, int eventId, Map<String, String> data) {
        this(time, eventId, EventKind.of(eventId).version(), data);
    }

    public WinEvent {
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
