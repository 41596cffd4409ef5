package dev.runtrail.correlate.run;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Lateness;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.TimerSlot;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by DAG id: runs {@link RunMachine} over the DAG's dagRun, event-log and proxy trigger
 * events and its attempt snapshots. Main output: the events; side output {@link Tags#RUN_RECORDS}:
 * run records with revisions. Keyed by DAG rather than run because a trigger request names the DAG
 * but not the run it creates.
 */
public class RunOperator extends KeyedProcessFunction<String, EcsDocument, EcsDocument> {
    private final CorrelationSettings settings;
    private transient RunMachine machine;
    private transient ValueState<DagRuns> state;
    private transient TimerSlot timer;

    public RunOperator(CorrelationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        machine = new RunMachine(settings);
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "dag-runs", TypeInformation.of(DagRuns.class)));
        timer = new TimerSlot("run-timer");
        timer.open(getRuntimeContext());
    }

    @Override
    public void processElement(EcsDocument input, Context ctx, Collector<EcsDocument> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (input.kind() == Kind.EVENTS) {
            Lateness.mark(input, watermark);
        }
        DagRuns d = state.value();
        if (d == null) {
            d = new DagRuns();
        }
        machine.onEvent(d, input, watermark, outputs(ctx, out));
        save(d, ctx, machine.nextDeadlineOfChanges());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EcsDocument> out)
            throws Exception {
        timer.fired(timestamp);
        DagRuns d = state.value();
        if (d == null) {
            return;
        }
        machine.onTime(d, TimerSlot.firedAt(timestamp, ctx.timerService()), outputs(ctx, out));
        save(d, ctx, machine.nextDeadline(d));
    }

    private void save(DagRuns d, Context ctx, long deadline) throws Exception {
        if (d.isEmpty()) {
            state.clear();
            timer.clear(ctx.timerService());
        } else {
            state.update(d);
            timer.arm(ctx.timerService(), deadline);
        }
    }

    private static RunOutput outputs(Context ctx, Collector<EcsDocument> out) {
        return new RunOutput() {
            @Override
            public void event(EcsDocument event) {
                out.collect(event);
            }

            @Override
            public void run(EcsDocument run) {
                ctx.output(Tags.RUN_RECORDS, run);
            }
        };
    }
}
