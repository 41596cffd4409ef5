package dev.runtrail.cli.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU ticks of this JVM's threads by kind (garbage collector, JIT compiler, everything else), from
 * Linux {@code /proc/self/task/<tid>/stat} and {@code comm}. On a shared machine the collector and
 * the compilers take more or less CPU depending on how many cores are free, so the CPU of the other
 * threads, the ones doing the work, compares better between runs than the process total.
 */
final class ThreadCpu {
    /** Thread kinds, by the name HotSpot gives its threads. */
    enum Kind {
        GC,
        JIT,
        OTHER;

        static Kind of(String comm) {
            if (comm.startsWith("GC Thread")
                    || comm.startsWith("G1 ")
                    || comm.startsWith("VM Thread")
                    || comm.startsWith("VM Periodic")) {
                return GC;
            }
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                return JIT;
            }
            return OTHER;
        }
    }

    private final Map<String, Long> ticksByThread;

    private ThreadCpu(Map<String, Long> ticksByThread) {
        this.ticksByThread = ticksByThread;
    }

    /** The ticks of every live thread, keyed by kind and thread id. */
    static ThreadCpu read() throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    long t = ProcStat.cpuTicks(Files.readString(task.resolve("stat")));
                    ticks.put(Kind.of(comm) + "/" + task.getFileName(), t);
                } catch (IOException gone) {
                    // The thread ended between listing and reading.
                }
            }
        }
        return new ThreadCpu(ticks);
    }

    /**
     * Seconds of CPU of one kind's threads since {@code before}. A thread that ended in between is
     * missing (its CPU is lost), which is why {@link Kind#OTHER} is best taken as the process total
     * minus the collector and the compilers, whose threads live on.
     */
    double secondsSince(ThreadCpu before, Kind kind) {
        long sum = 0;
        String prefix = kind + "/";
        for (Map.Entry<String, Long> e : ticksByThread.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                sum += e.getValue() - before.ticksByThread.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum / ProcStat.TICKS_PER_SECOND;
    }
}
