package dev.runtrail.cli.job;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts what the source read: events and dead letters, as Flink metrics ({@code runtrail.read},
 * {@code runtrail.events}, {@code runtrail.deadletters}, and the same per source format under
 * {@code runtrail.source.<format>}) and as accumulators for the end-of-run summary ({@link #READ},
 * and per format {@link #READ_BY_SOURCE}{@code <format>} and {@link #DEAD_LETTERS_BY_SOURCE}{@code
 * <format>}).
 */
public final class CountingMap extends RichMapFunction<EcsDocument, EcsDocument> {
    private static final long serialVersionUID = 1L;

    public static final String READ = "runtrail.read";
    public static final String EVENTS = "runtrail.events";
    public static final String DEAD_LETTERS = "runtrail.deadletters";
    public static final String READ_BY_SOURCE = "runtrail.read.";
    public static final String DEAD_LETTERS_BY_SOURCE = "runtrail.deadletters.";

    /** The source name of a file no format recognised (the format its dead letter names). */
    public static final String UNDETECTED = "unknown";

    private transient Map<String, SourceCounters> bySource;
    private transient MetricGroup sourceGroup;

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
        sourceGroup = group.addGroup("source");
        bySource = new HashMap<>();
    }

    /** Counters of one source format: accumulators for the summary, metrics for monitoring. */
    private final class SourceCounters {
        final LongCounter read;
        final LongCounter deadLetters;
        final Counter readMetric;
        final Counter deadLettersMetric;

        SourceCounters(String format) {
            read = getRuntimeContext().getLongCounter(READ_BY_SOURCE + format);
            deadLetters = getRuntimeContext().getLongCounter(DEAD_LETTERS_BY_SOURCE + format);
            MetricGroup g = sourceGroup.addGroup(format);
            readMetric = g.counter("read");
            deadLettersMetric = g.counter("deadletters");
        }
    }

    @Override
    public EcsDocument map(EcsDocument doc) {
        read.add(1);
        readMetric.inc();
        String format = doc.getString(Ecs.RUNTRAIL_FORMAT);
        SourceCounters source =
                bySource.computeIfAbsent(format == null ? UNDETECTED : format, SourceCounters::new);
        source.read.add(1);
        source.readMetric.inc();
        if (doc.kind() == Kind.DEADLETTER) {
            deadLetters.add(1);
            deadLettersMetric.inc();
            source.deadLetters.add(1);
            source.deadLettersMetric.inc();
        } else {
            events.add(1);
            eventsMetric.inc();
        }
        return doc;
    }
}
