package dev.runtrail.cli.job;

import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Counts what the source read: events and dead letters, as Flink metrics ({@code runtrail.read},
 * {@code runtrail.events}, {@code runtrail.deadletters}) and as accumulators for the end-of-run
 * summary.
 */
public final class CountingMap extends RichMapFunction<EcsDocument, EcsDocument> {
    private static final long serialVersionUID = 1L;

    public static final String READ = "runtrail.read";
    public static final String EVENTS = "runtrail.events";
    public static final String DEAD_LETTERS = "runtrail.deadletters";

    private transient LongCounter read;
    private transient LongCounter events;
    private transient LongCounter deadLetters;
    private transient Counter readMetric;
    private transient Counter eventsMetric;
    private transient Counter deadLettersMetric;

    @Override
    public void open(OpenContext context) {
        read = getRuntimeContext().getLongCounter(READ);
        events = getRuntimeContext().getLongCounter(EVENTS);
        deadLetters = getRuntimeContext().getLongCounter(DEAD_LETTERS);
        var group = getRuntimeContext().getMetricGroup().addGroup("runtrail");
        readMetric = group.counter("read");
        eventsMetric = group.counter("events");
        deadLettersMetric = group.counter("deadletters");
    }

    @Override
    public EcsDocument map(EcsDocument doc) {
        read.add(1);
        readMetric.inc();
        if (doc.kind() == Kind.DEADLETTER) {
            deadLetters.add(1);
            deadLettersMetric.inc();
        } else {
            events.add(1);
            eventsMetric.inc();
        }
        return doc;
    }
}
