package dev.runtrail.correlate.session;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Lateness;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.TimerSlot;
import dev.runtrail.correlate.Times;
import dev.runtrail.model.EcsDocument;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by (normalized host, normalized logon id): runs {@link SessionMachine} with event-time
 * timers. Main output: the Windows events, with their session key; side output {@link
 * Tags#SESSION_SNAPSHOTS}: session snapshots for the linker. State is cleared, timer included, as
 * soon as the machine has nothing left.
 */
public class SessionOperator extends KeyedProcessFunction<String, EcsDocument, EcsDocument> {
    private final CorrelationSettings settings;
    private transient SessionMachine machine;
    private transient ValueState<SessionState> state;
    private transient TimerSlot timer;

    public SessionOperator(CorrelationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        machine = new SessionMachine(settings);
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "session", TypeInformation.of(SessionState.class)));
        timer = new TimerSlot("session-timer");
        timer.open(getRuntimeContext());
    }

    @Override
    public void processElement(EcsDocument event, Context ctx, Collector<EcsDocument> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        Lateness.mark(event, watermark);
        SessionState s = state.value();
        if (s == null) {
            if (Lateness.timeOf(event, watermark)
                    < Times.minus(watermark, settings.closedRetention())) {
                // Older than any session still kept: an update now would overwrite the full
                // record with a fragment. The event itself is still emitted, marked late.
                out.collect(event);
                return;
            }
            s = new SessionState();
        }
        machine.onEvent(s, event, watermark, outputs(ctx, out));
        save(s, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EcsDocument> out)
            throws Exception {
        timer.fired(timestamp);
        SessionState s = state.value();
        if (s == null) {
            return;
        }
        machine.onTime(s, TimerSlot.firedAt(timestamp, ctx.timerService()), outputs(ctx, out));
        save(s, ctx);
    }

    private void save(SessionState s, Context ctx) throws Exception {
        if (s.isEmpty()) {
            state.clear();
            timer.clear(ctx.timerService());
        } else {
            state.update(s);
            timer.arm(ctx.timerService(), machine.nextDeadline(s));
        }
    }

    private static SessionOutput outputs(Context ctx, Collector<EcsDocument> out) {
        return new SessionOutput() {
            @Override
            public void event(EcsDocument event) {
                out.collect(event);
            }

            @Override
            public void session(EcsDocument snapshot) {
                ctx.output(Tags.SESSION_SNAPSHOTS, snapshot);
            }
        };
    }
}
