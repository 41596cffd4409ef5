package dev.runtrail.cli.job;

import dev.runtrail.model.EcsDocument;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Counts documents leaving the job per kind ({@code runtrail.out.<kind>}), for the summary. */
public final class KindCounter extends RichMapFunction<EcsDocument, EcsDocument> {
    private static final long serialVersionUID = 1L;

    /** Accumulator name for documents of a kind written to the sinks. */
    public static String accumulator(dev.runtrail.model.Kind kind) {
        return "runtrail.out." + kind.id();
    }

    private transient java.util.EnumMap<dev.runtrail.model.Kind, LongCounter> counters;

    @Override
    public void open(OpenContext context) {
        counters = new java.util.EnumMap<>(dev.runtrail.model.Kind.class);
        for (dev.runtrail.model.Kind kind : dev.runtrail.model.Kind.values()) {
            counters.put(kind, getRuntimeContext().getLongCounter(accumulator(kind)));
        }
    }

    @Override
    public EcsDocument map(EcsDocument doc) {
        counters.get(doc.kind()).add(1);
        return doc;
    }
}
