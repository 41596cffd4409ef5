package dev.runtrail.correlate;

import dev.runtrail.model.EcsDocument;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed operator that runs one plain-Java state machine per key with one event-time timer: it
 * marks late events, passes on events too old for any state still kept (they would turn a full
 * record into a fragment), feeds the rest and the timers to the machine, and clears state and timer
 * as soon as the machine has nothing left for the key.
 *
 * @param <S> the machine's per-key state
 */
public abstract class StateMachineOperator<S>
        extends KeyedProcessFunction<String, EcsDocument, EcsDocument> {
    private final String stateName;
    private final Class<S> stateType;
    private transient ValueState<S> state;
    private transient TimerSlot timer;

    protected StateMachineOperator(String stateName, Class<S> stateType) {
        this.stateName = stateName;
        this.stateType = stateType;
    }

    /** Creates the machine (called in {@code open}). */
    protected abstract void createMachine();

    /** How far behind the watermark an event may be and still start new state. */
    protected abstract long retention();

    protected abstract S newState();

    protected abstract void onEvent(
            S state, EcsDocument event, long watermark, Context ctx, Collector<EcsDocument> out);

    protected abstract void onTime(S state, long now, Context ctx, Collector<EcsDocument> out);

    /** Whether the machine holds nothing more for this key. */
    protected abstract boolean isDone(S state);

    protected abstract long nextDeadline(S state);

    @Override
    public void open(OpenContext openContext) {
        createMachine();
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        stateName, TypeInformation.of(stateType)));
        timer = new TimerSlot(stateName + "-timer");
        timer.open(getRuntimeContext());
    }

    @Override
    public void processElement(EcsDocument event, Context ctx, Collector<EcsDocument> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        Lateness.mark(event, watermark);
        S s = state.value();
        if (s == null) {
            if (Lateness.timeOf(event, watermark) < Times.minus(watermark, retention())) {
                // Older than any state still kept: new state now would overwrite the full record
                // with a fragment. The event itself is still emitted, marked late.
                out.collect(event);
                return;
            }
            s = newState();
        }
        onEvent(s, event, watermark, ctx, out);
        save(s, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EcsDocument> out)
            throws Exception {
        timer.fired(timestamp);
        S s = state.value();
        if (s == null) {
            return;
        }
        onTime(s, TimerSlot.firedAt(timestamp, ctx.timerService()), ctx, out);
        save(s, ctx);
    }

    private void save(S s, Context ctx) throws Exception {
        if (isDone(s)) {
            state.clear();
            timer.clear(ctx.timerService());
        } else {
            state.update(s);
            timer.arm(ctx.timerService(), nextDeadline(s));
        }
    }
}
