package dev.runtrail.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and peak resident memory of one process, read from Linux {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/status}.
 *
 * @param cpuTicks user + system time in clock ticks (fields 14 and 15 of {@code stat})
 * @param peakRssKb the process's high-water resident set ({@code VmHWM}), or -1 when unknown
 */
public record ProcStat(long cpuTicks, long peakRssKb) {
    /** Linux reports {@code stat} times in USER_HZ, which is 100 on every mainstream kernel. */
    static final double TICKS_PER_SECOND = 100.0;

    /** Reads both files of a process. */
    public static ProcStat read(long pid) throws IOException {
        Path dir = Path.of("/proc", Long.toString(pid));
        long ticks = cpuTicks(Files.readString(dir.resolve("stat")));
        long rss = peakRssKb(Files.readString(dir.resolve("status")));
        return new ProcStat(ticks, rss);
    }

    /** Seconds of CPU used between an earlier snapshot and this one. */
    public double cpuSecondsSince(ProcStat before) {
        return (cpuTicks - before.cpuTicks) / TICKS_PER_SECOND;
    }

    /**
     * utime + stime from a {@code stat} line. The command name (field 2) is in parentheses and may
     * itself contain spaces and parentheses, so fields are counted from the last {@code ')'}.
     */
    static long cpuTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException(
                    "Expected a /proc/<pid>/stat line with '(comm)', got: " + statLine);
        }
        String[] rest = statLine.substring(close + 1).trim().split(" +");
        // rest[0] is field 3 (state), so field n is rest[n - 3].
        if (rest.length < 13) {
            throw new IllegalArgumentException(
                    "Expected at least 15 fields in the /proc/<pid>/stat line, got "
                            + (rest.length + 2)
                            + ".");
        }
        return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
    }

    /** {@code VmHWM} in kB from a {@code status} file, or -1 when the line is absent. */
    static long peakRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String value = line.substring("VmHWM:".length()).trim();
                int space = value.indexOf(' ');
                return Long.parseLong(space < 0 ? value : value.substring(0, space));
            }
        }
        return -1;
    }
}
