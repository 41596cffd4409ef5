package dev.runtrail.ingest.windows;

import java.util.function.Function;

/**
 * The results of a pure function of a string for the inputs seen last, in a small table indexed by
 * the input's hash. Event fields such as logon ids, keywords and privilege lists repeat from event
 * to event, usually as the very same String (the EVTX reader hands out the text it decoded for
 * equal bytes), and looking their result up costs less than working it out again.
 *
 * <p>Shared by all threads without locks: an entry is an immutable pair, so a reader sees a whole
 * entry or none, and a lost entry only means the function runs again. Results must be immutable.
 */
final class StringMemo<T> {
    private record Entry<T>(String input, T result) {}

    private final Function<String, T> function;
    private final Entry<T>[] entries;

    /** A memo of {@code function} with room for {@code size} inputs (a power of two). */
    @SuppressWarnings("unchecked")
    StringMemo(Function<String, T> function, int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException(
                    "The memo size must be a power of two, got " + size + ".");
        }
        this.function = function;
        this.entries = (Entry<T>[]) new Entry<?>[size];
    }

    /** {@code function.apply(input)} for a non-null input. */
    T apply(String input) {
        int h = input.hashCode();
        int i = (h ^ (h >>> 16)) & (entries.length - 1);
        Entry<T> e = entries[i];
        if (e != null && (e.input == input || e.input.equals(input))) {
            return e.result;
        }
        T result = function.apply(input);
        entries[i] = new Entry<>(input, result);
        return result;
    }
}
