package dev.runtrail.correlate.link;

import dev.runtrail.correlate.Times;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * The attempt windows of one host, indexed by start time, for deciding many sessions in one go. A
 * bounded run holds a whole host's history until the end of the key (Flink fires a key's timers
 * once, when its input is done), and deciding each session against every window was quadratic in
 * the host's history. {@link LinkDecider} uses a window only when it contains the logon or a
 * process time of the session, give or take skew and tolerance; {@link #relevant} returns exactly
 * those windows, in the order of the collection the index was built from, so a decision over them
 * is the decision over all windows.
 */
final class WindowIndex {
    private final List<AttemptWindow> inOrder;

    /** Windows with a start time, sorted by start; each with its ordinal in {@link #inOrder}. */
    private final long[] starts;

    private final long[] ends;
    private final int[] ordinals;

    /** The latest end among the first i+1 windows in start order (unfinished: MAX_VALUE). */
    private final long[] maxEndUpTo;

    private final long tolerance;

    WindowIndex(Iterable<AttemptWindow> windows, long tolerance) {
        this.tolerance = tolerance;
        this.inOrder = new ArrayList<>();
        for (AttemptWindow w : windows) {
            inOrder.add(w);
        }
        Integer[] byStart =
                java.util.stream.IntStream.range(0, inOrder.size())
                        .filter(i -> inOrder.get(i).start != Times.NONE)
                        .boxed()
                        .toArray(Integer[]::new);
        Arrays.sort(byStart, Comparator.comparingLong(i -> inOrder.get(i).start));
        int n = byStart.length;
        starts = new long[n];
        ends = new long[n];
        ordinals = new int[n];
        maxEndUpTo = new long[n];
        long maxEnd = Long.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            AttemptWindow w = inOrder.get(byStart[k]);
            ordinals[k] = byStart[k];
            starts[k] = w.start;
            ends[k] = w.finished() ? w.end : Long.MAX_VALUE;
            maxEnd = Math.max(maxEnd, ends[k]);
            maxEndUpTo[k] = maxEnd;
        }
    }

    /** The windows that contain the session's logon or one of its process times. */
    List<AttemptWindow> relevant(LinkedSession s, long skew) {
        BitSet hits = new BitSet(inOrder.size());
        mark(s.logonTime, skew, hits);
        for (CommandUse use : s.commands) {
            mark(use.time, skew, hits);
        }
        List<AttemptWindow> out = new ArrayList<>(hits.cardinality());
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
            out.add(inOrder.get(i));
        }
        return out;
    }

    /**
     * Marks the windows with {@code start + skew - tolerance <= time <= end + skew + tolerance} (no
     * end: open), the test of {@link LinkDecider}.
     */
    private void mark(long time, long skew, BitSet hits) {
        if (time == Times.NONE) {
            return;
        }
        long latestStart = time - skew + tolerance;
        long earliestEnd = time - skew - tolerance;
        int k = upperBound(latestStart) - 1;
        // Walking back in start order: once no earlier window ends late enough, none can match.
        for (; k >= 0 && maxEndUpTo[k] >= earliestEnd; k--) {
            if (ends[k] >= earliestEnd) {
                hits.set(ordinals[k]);
            }
        }
    }

    /** The number of windows that start at or before {@code time}. */
    private int upperBound(long time) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
