package dev.runtrail.cli.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds of this JVM's threads over an interval, grouped by thread name, from {@code
 * /proc/self/task}: it shows where a run's CPU went (parsing in the source fetchers, the task
 * threads, the JIT compiler, the garbage collector), which the JVM's own thread bean cannot, since
 * compiler and GC threads are hidden from it. Threads are sampled every 200 ms, so a thread that
 * starts and ends between two samples is missed; Linux shortens names to 15 characters.
 */
final class ThreadCpu implements AutoCloseable {
    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, Long> baseline = new HashMap<>();
    private final Map<String, Long> latest = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    ThreadCpu() {
        sample(baseline);
        sampler = new Thread(this::loop, "bench-thread-cpu");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void loop() {
        while (running) {
            synchronized (latest) {
                sample(latest);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample(Map<String, Long> into) {
        if (!Files.isDirectory(TASKS)) {
            return;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // the name is in parentheses and may hold spaces
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    long ticks = ProcStat.cpuTicks(stat);
                    String tid = task.getFileName().toString();
                    names.putIfAbsent(tid, name.replaceAll("\\d+", "N"));
                    into.merge(tid, ticks, Math::max);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to report
        }
    }

    /** Thread kinds, by the names HotSpot gives its threads (digits shown as N). */
    enum Kind {
        GC,
        JIT,
        OTHER;

        static Kind of(String group) {
            if (group.startsWith("GC Thread")
                    || group.startsWith("GN ")
                    || group.startsWith("VM Thread")
                    || group.startsWith("VM Periodic")) {
                return GC;
            }
            return group.startsWith("CN Compiler") ? JIT : OTHER;
        }

        /** The CPU seconds of this kind's threads in a {@link #stop()} result. */
        double seconds(Map<String, Double> byGroup) {
            double sum = 0;
            for (Map.Entry<String, Double> e : byGroup.entrySet()) {
                if (of(e.getKey()) == this) {
                    sum += e.getValue();
                }
            }
            return sum;
        }
    }

    /** CPU seconds per thread-name group since the start, largest first. */
    Map<String, Double> stop() {
        running = false;
        sampler.interrupt();
        Map<String, Double> groups = new HashMap<>();
        // under the sampler's lock: it may still be in its last sample, and both threads fill
        // the map of names
        synchronized (latest) {
            sample(latest);
            latest.forEach(
                    (tid, ticks) -> {
                        long spent = ticks - baseline.getOrDefault(tid, 0L);
                        if (spent > 0) {
                            groups.merge(
                                    names.get(tid), spent / ProcStat.TICKS_PER_SECOND, Double::sum);
                        }
                    });
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        groups.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
