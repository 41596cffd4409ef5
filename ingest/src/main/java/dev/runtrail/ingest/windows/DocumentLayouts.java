package dev.runtrail.ingest.windows;

import dev.runtrail.model.EcsDocument;

/**
 * The field layout of the last event of each event id (by its low bits), with the layouts the id
 * had before it ({@link EcsDocument.Layout#after}): events of one id nearly always get the same
 * fields, and a document made expecting them does not index them. A hint only: a document checks
 * every field against it, so a layout learned from another file fits or is left.
 */
public final class DocumentLayouts {
    private static final int SLOTS = 256;

    private final long[] ids = new long[SLOTS];
    private final EcsDocument.Layout[] layouts = new EcsDocument.Layout[SLOTS];

    /** The layout to expect for an event of this id, or null. */
    public EcsDocument.Layout expected(long eventId) {
        int slot = slot(eventId);
        return ids[slot] == eventId ? layouts[slot] : null;
    }

    /**
     * Events with more fields are not learned from: a layout keeps every name and an index of them
     * for as long as the thread lives, and a JSON line of a megabyte can hold tens of thousands.
     * Windows events have a few dozen.
     */
    static final int MAX_FIELDS = 256;

    /**
     * Learns the fields of an event of this id, made expecting {@code expected}, unless it has more
     * than {@link #MAX_FIELDS}.
     */
    public void learned(long eventId, EcsDocument.Layout expected, EcsDocument event) {
        if (event.fieldCount() <= MAX_FIELDS) {
            learned(eventId, expected, event.layout());
        }
    }

    private void learned(long eventId, EcsDocument.Layout expected, EcsDocument.Layout layout) {
        if (layout != expected) {
            int slot = slot(eventId);
            ids[slot] = eventId;
            layouts[slot] = expected == null ? layout : layout.after(expected);
        }
    }

    private static int slot(long eventId) {
        return (int) (eventId & (SLOTS - 1));
    }
}
