package dev.runtrail.correlate.session;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.StateMachineOperator;
import dev.runtrail.correlate.Tags;
import dev.runtrail.model.EcsDocument;
import org.apache.flink.util.Collector;

/**
 * Keyed by (normalized host, normalized logon id): runs {@link SessionMachine} with event-time
 * timers. Main output: the Windows events, with their session key; side output {@link
 * Tags#SESSION_SNAPSHOTS}: session snapshots for the linker. State is cleared, timer included, as
 * soon as the machine has nothing left.
 */
public class SessionOperator extends StateMachineOperator<SessionState> {
    private final CorrelationSettings settings;
    private transient SessionMachine machine;

    public SessionOperator(CorrelationSettings settings) {
        super("session", SessionState.class);
        this.settings = settings;
    }

    @Override
    protected void createMachine() {
        machine = new SessionMachine(settings);
    }

    @Override
    protected long retention() {
        return settings.closedRetention();
    }

    @Override
    protected SessionState newState() {
        return new SessionState();
    }

    @Override
    protected void onEvent(
            SessionState s,
            EcsDocument event,
            long watermark,
            Context ctx,
            Collector<EcsDocument> out) {
        machine.onEvent(s, event, watermark, outputs(ctx, out));
    }

    @Override
    protected void onTime(SessionState s, long now, Context ctx, Collector<EcsDocument> out) {
        machine.onTime(s, now, outputs(ctx, out));
    }

    @Override
    protected boolean isDone(SessionState s) {
        return s.isEmpty();
    }

    @Override
    protected long nextDeadline(SessionState s) {
        return machine.nextDeadline(s);
    }

    private static SessionOutput outputs(Context ctx, Collector<EcsDocument> out) {
        return new SessionOutput() {
            @Override
            public void event(EcsDocument event) {
                out.collect(event);
            }

            @Override
            public void session(SessionState snapshot) {
                ctx.output(Tags.SESSION_SNAPSHOTS, snapshot);
            }
        };
    }
}
