package dev.runtrail.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one benchmark interval: wall time, peak heap of this JVM, and CPU seconds and peak RSS
 * of this JVM and (when given) the Elasticsearch process, from {@code /proc}. Closing it stops the
 * thread sampler, so a harness that fails before {@link #stop()} leaves no sampling thread behind.
 */
final class ResourceMeter implements AutoCloseable {
    private final long esPid;
    private final long startNanos;
    private final ProcStat selfBefore;
    private final ProcStat esBefore;
    private final ThreadCpu threads = new ThreadCpu();

    private ResourceMeter(long esPid) throws IOException {
        this.esPid = esPid;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        this.selfBefore = ProcStat.read(ProcessHandle.current().pid());
        this.esBefore = esPid > 0 ? ProcStat.read(esPid) : null;
        this.startNanos = System.nanoTime();
    }

    /** Starts measuring; {@code esPid} is the Elasticsearch process, or 0 for none. */
    static ResourceMeter start(long esPid) throws IOException {
        return new ResourceMeter(esPid);
    }

    /** Ends the interval. */
    Result stop() throws IOException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ProcStat self = ProcStat.read(ProcessHandle.current().pid());
        ProcStat es = esPid > 0 ? ProcStat.read(esPid) : null;
        return new Result(
                seconds,
                peakHeapBytes(),
                self.cpuSecondsSince(selfBefore),
                self.peakRssKb(),
                es == null ? -1 : es.cpuSecondsSince(esBefore),
                es == null ? -1 : es.peakRssKb(),
                threads.stop());
    }

    @Override
    public void close() {
        threads.close();
    }

    /**
     * Sum of the heap pools' peaks since the start. Pools peak at different moments, so this is an
     * upper bound of the true peak.
     */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** What one interval cost. ES figures are -1 when no Elasticsearch process was measured. */
    record Result(
            double seconds,
            long peakHeapBytes,
            double jvmCpuSeconds,
            long jvmPeakRssKb,
            double esCpuSeconds,
            long esPeakRssKb,
            Map<String, Double> cpuByThread) {

        void print(PrintStream out) {
            out.printf(
                    Locale.ROOT,
                    "wall %.2f s; runtrail JVM: CPU %.2f s (%.2f cores avg), peak heap %d MB,"
                            + " peak RSS %d MB%n",
                    seconds,
                    jvmCpuSeconds,
                    jvmCpuSeconds / seconds,
                    peakHeapBytes >> 20,
                    jvmPeakRssKb >> 10);
            StringBuilder split = new StringBuilder("runtrail JVM CPU by thread:");
            int shown = 0;
            for (Map.Entry<String, Double> e : cpuByThread.entrySet()) {
                if (shown++ == 6) {
                    break;
                }
                split.append(
                        String.format(
                                Locale.ROOT,
                                " %s %.1f s (%.0f%%);",
                                e.getKey(),
                                e.getValue(),
                                100 * e.getValue() / Math.max(jvmCpuSeconds, 1e-9)));
            }
            if (shown > 0) {
                out.println(split);
            }
            if (esCpuSeconds >= 0) {
                double total = jvmCpuSeconds + esCpuSeconds;
                out.printf(
                        Locale.ROOT,
                        "Elasticsearch: CPU %.2f s (%.2f cores avg), peak RSS %d MB;"
                                + " CPU split runtrail %.0f%% / Elasticsearch %.0f%%%n",
                        esCpuSeconds,
                        esCpuSeconds / seconds,
                        esPeakRssKb >> 10,
                        100 * jvmCpuSeconds / total,
                        100 * esCpuSeconds / total);
            }
        }
    }
}
