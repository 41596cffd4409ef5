package dev.runtrail.sampledata.windows;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * One host's Security log: events arrive from concurrent activities out of time order and leave in
 * the order Windows would have recorded them (host time, then arrival), with increasing record ids.
 * Only events that no later activity can precede are held, so memory stays bounded.
 */
public final class SecurityLog implements Closeable {
    private record Pending(WinEvent event, long seq) {}

    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(
                    (a, b) -> {
                        int byTime = a.event().time().compareTo(b.event().time());
                        return byTime != 0 ? byTime : Long.compare(a.seq(), b.seq());
                    });
    private final EventFileWriter writer;
    private final RandomGenerator random;
    private long nextRecordId;
    private long seq;
    private long written;

    public SecurityLog(EventFileWriter writer, long firstRecordId, RandomGenerator random) {
        this.writer = writer;
        this.nextRecordId = firstRecordId;
        this.random = random;
    }

    public void add(WinEvent event) {
        pending.add(new Pending(event, seq++));
    }

    /** Writes every held event older than the watermark (host time). */
    public void flushBefore(Instant watermark) throws IOException {
        while (!pending.isEmpty() && pending.peek().event().time().isBefore(watermark)) {
            writeNext();
        }
    }

    private void writeNext() throws IOException {
        Pending next = pending.poll();
        writer.write(nextRecordId++, 600 + 4 * random.nextInt(1200), next.event());
        written++;
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        while (!pending.isEmpty()) {
            writeNext();
        }
        writer.close();
    }
}
