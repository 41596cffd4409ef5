package dev.runtrail.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long import on stderr: a redrawn bar on a terminal, a line every few seconds
 * otherwise (logs, CI).
 */
final class Progress {
    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;
    private static final long BAR_INTERVAL_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier totalBytes;
    private final long started = System.nanoTime();
    private long lastDraw;

    Progress(PrintStream err, long totalBytes) {
        this(err, () -> totalBytes);
    }

    /**
     * @param totalBytes the size of the input, or a negative number while it is not known yet (the
     *     bar then shows bytes and records without a fraction or an ETA)
     */
    Progress(PrintStream err, LongSupplier totalBytes) {
        this.err = err;
        this.terminal = System.console() != null;
        this.totalBytes = totalBytes;
    }

    void update(long bytes, long records) {
        long now = System.nanoTime();
        if (now - lastDraw < (terminal ? BAR_INTERVAL_NANOS : LINE_INTERVAL_NANOS)) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        long total = totalBytes.getAsLong();
        double fraction = total > 0 ? Math.min(1.0, bytes / (double) total) : 0;
        String eta =
                fraction > 0.01
                        ? String.format(Locale.ROOT, "%.0fs", seconds / fraction - seconds)
                        : "?";
        String stats =
                String.format(
                        Locale.ROOT,
                        "%5.1f%%  %s/%s  %,d records  %,.0f records/s  ETA %s",
                        fraction * 100,
                        human(bytes),
                        total < 0 ? "?" : human(total),
                        records,
                        records / seconds,
                        eta);
        if (terminal) {
            int width = 30;
            int filled = (int) (fraction * width);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + stats);
        } else {
            err.println("progress: " + stats);
        }
        err.flush();
    }

    void finish() {
        if (terminal && lastDraw != 0) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
