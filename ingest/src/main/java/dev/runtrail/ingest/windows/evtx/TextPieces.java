package dev.runtrail.ingest.windows.evtx;

/**
 * Text that arrives in pieces, joined on demand: a single piece (the usual case) is kept as it is,
 * not copied; from the second piece on they are joined in a reused buffer.
 */
final class TextPieces {
    private final StringBuilder joined;
    private String first;
    private int count;

    TextPieces(int capacity) {
        joined = new StringBuilder(capacity);
    }

    void add(String piece) {
        if (count++ == 0) {
            first = piece;
            return;
        }
        if (count == 2) {
            joined.setLength(0);
            joined.append(first);
        }
        joined.append(piece);
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The pieces so far, joined; empty when there are none. */
    String text() {
        return count == 0 ? "" : count == 1 ? first : joined.toString();
    }

    void clear() {
        count = 0;
        first = null;
    }
}
