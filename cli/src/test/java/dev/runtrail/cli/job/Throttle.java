package dev.runtrail.cli.job;

import dev.runtrail.model.EcsDocument;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Stands in for a slow sink in front of the real one, so that a stream of a few hundred records
 * lasts long enough for checkpoints, a cancellation or an outage to fall in the middle of it. The
 * delay is a static switch (the MiniCluster runs in the test's JVM): a test slows a job down and
 * lets the jobs that follow run at full speed with the same graph.
 */
final class Throttle implements MapFunction<EcsDocument, EcsDocument> {
    static final String UID = "test-throttle";
    private static final AtomicLong DELAY_MILLIS = new AtomicLong();

    static void delay(long millis) {
        DELAY_MILLIS.set(millis);
    }

    @Override
    public EcsDocument map(EcsDocument doc) throws Exception {
        long delay = DELAY_MILLIS.get();
        if (delay > 0) {
            Thread.sleep(delay);
        }
        return doc;
    }
}
