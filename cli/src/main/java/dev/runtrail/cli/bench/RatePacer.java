package dev.runtrail.cli.bench;

/**
 * Keeps a producer at a steady rate: how many records should have been sent by a given moment. The
 * count is derived from the elapsed time since the start, not from per-record sleeps, so a late
 * wake-up is caught up at once instead of drifting the average rate.
 */
public final class RatePacer {
    private final double perSecond;
    private final long startNanos;

    public RatePacer(double perSecond, long startNanos) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException(
                    "The rate must be greater than 0 records/s, got " + perSecond + ".");
        }
        this.perSecond = perSecond;
        this.startNanos = startNanos;
    }

    /** Records due in total at {@code nowNanos} (same clock as the start). */
    public long dueAt(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - startNanos);
        return (long) Math.floor(elapsed / 1e9 * perSecond);
    }

    /** The moment the record with this zero-based index is due. */
    public long dueNanos(long index) {
        return startNanos + (long) Math.ceil(index / perSecond * 1e9);
    }

    /**
     * How long a producer that has sent {@code sent} records should sleep before the next one is
     * due; positive whenever it is not behind, so a caught-up producer sleeps instead of spinning.
     */
    public long waitNanos(long sent, long nowNanos) {
        return dueNanos(sent + 1) - nowNanos;
    }
}
