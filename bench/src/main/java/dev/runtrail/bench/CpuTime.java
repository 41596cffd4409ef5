package dev.runtrail.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Records and thread CPU time per iteration, summed, for records per CPU second as {@code
 * recordsTotal / cpuMillis * 1000}: on a shared, loaded machine wall-clock rates understate the
 * parser, CPU time of the benchmark thread much less so.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    public long recordsTotal;
    public long cpuMillis;
    private long cpuStart;

    @Setup(Level.Iteration)
    public void start() {
        recordsTotal = 0;
        cpuMillis = 0;
        cpuStart = THREADS.getCurrentThreadCpuTime();
    }

    /** Adds the records of one operation and brings the CPU time up to date. */
    void update(long records) {
        recordsTotal += records;
        cpuMillis = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
    }
}
