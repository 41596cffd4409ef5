package dev.runtrail.correlate.attempt;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.StateMachineOperator;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.link.AttemptWindow;
import dev.runtrail.model.EcsDocument;
import org.apache.flink.util.Collector;

/**
 * Keyed by attempt key: runs {@link AttemptMachine}. Main output: the task-log events; side
 * outputs: attempt snapshots ({@link Tags#ATTEMPT_SNAPSHOTS}) and attempt windows per host ({@link
 * Tags#ATTEMPT_WINDOWS}).
 */
public class AttemptOperator extends StateMachineOperator<AttemptState> {
    private final CorrelationSettings settings;
    private transient AttemptMachine machine;

    public AttemptOperator(CorrelationSettings settings) {
        super("attempt", AttemptState.class);
        this.settings = settings;
    }

    @Override
    protected void createMachine() {
        machine = new AttemptMachine(settings);
    }

    @Override
    protected long retention() {
        return settings.attemptLinger();
    }

    @Override
    protected AttemptState newState() {
        return new AttemptState();
    }

    @Override
    protected void onEvent(
            AttemptState s,
            EcsDocument event,
            long watermark,
            Context ctx,
            Collector<EcsDocument> out) {
        machine.onEvent(s, event, watermark, outputs(ctx, out));
    }

    @Override
    protected void onTime(AttemptState s, long now, Context ctx, Collector<EcsDocument> out) {
        machine.onTime(s, now, outputs(ctx, out));
    }

    @Override
    protected boolean isDone(AttemptState s) {
        return !s.known();
    }

    @Override
    protected long nextDeadline(AttemptState s) {
        return machine.nextDeadline(s);
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
