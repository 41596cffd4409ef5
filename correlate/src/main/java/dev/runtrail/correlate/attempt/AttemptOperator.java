package dev.runtrail.correlate.attempt;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Lateness;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.TimerSlot;
import dev.runtrail.correlate.Times;
import dev.runtrail.correlate.link.AttemptWindow;
import dev.runtrail.model.EcsDocument;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by attempt key: runs {@link AttemptMachine}. Main output: the task-log events; side
 * outputs: attempt snapshots ({@link Tags#ATTEMPT_SNAPSHOTS}) and attempt windows per host ({@link
 * Tags#ATTEMPT_WINDOWS}).
 */
public class AttemptOperator extends KeyedProcessFunction<String, EcsDocument, EcsDocument> {
    private final CorrelationSettings settings;
    private transient AttemptMachine machine;
    private transient ValueState<AttemptState> state;
    private transient TimerSlot timer;

    public AttemptOperator(CorrelationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        machine = new AttemptMachine(settings);
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "attempt", TypeInformation.of(AttemptState.class)));
        timer = new TimerSlot("attempt-timer");
        timer.open(getRuntimeContext());
    }

    @Override
    public void processElement(EcsDocument event, Context ctx, Collector<EcsDocument> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        Lateness.mark(event, watermark);
        AttemptState s = state.value();
        if (s == null) {
            if (Lateness.timeOf(event, watermark)
                    < Times.minus(watermark, settings.attemptLinger())) {
                // Older than any attempt still kept: a fresh record would overwrite the full one
                // with a fragment. The event itself is still emitted, marked late.
                out.collect(event);
                return;
            }
            s = new AttemptState();
        }
        machine.onEvent(s, event, watermark, outputs(ctx, out));
        save(s, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EcsDocument> out)
            throws Exception {
        timer.fired(timestamp);
        AttemptState s = state.value();
        if (s == null) {
            return;
        }
        machine.onTime(s, TimerSlot.firedAt(timestamp, ctx.timerService()), outputs(ctx, out));
        save(s, ctx);
    }

    private void save(AttemptState s, Context ctx) throws Exception {
        if (!s.known()) {
            state.clear();
            timer.clear(ctx.timerService());
        } else {
            state.update(s);
            timer.arm(ctx.timerService(), machine.nextDeadline(s));
        }
    }

    private static AttemptOutput outputs(Context ctx, Collector<EcsDocument> out) {
        return new AttemptOutput() {
            @Override
            public void event(EcsDocument event) {
                out.collect(event);
            }

            @Override
            public void attempt(EcsDocument snapshot) {
                ctx.output(Tags.ATTEMPT_SNAPSHOTS, snapshot);
            }

            @Override
            public void window(AttemptWindow window) {
                ctx.output(Tags.ATTEMPT_WINDOWS, window);
            }
        };
    }
}
