package dev.runtrail.correlate.attempt;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.TimerSlot;
import dev.runtrail.correlate.Times;
import dev.runtrail.correlate.link.SessionLink;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by attempt key: owns the attempt documents. Joins the attempt snapshots of {@link
 * AttemptOperator} with the link decisions of the linker and writes each change as a new revision,
 * with the keys of the sessions linked to the attempt. Links that arrive before any snapshot wait
 * for it; everything is forgotten after the attempt's linger plus the link retention.
 */
public class AttemptRecordOperator
        extends KeyedCoProcessFunction<String, EcsDocument, SessionLink, EcsDocument> {
    private final CorrelationSettings settings;
    private transient ValueState<EcsDocument> snapshot;
    private transient MapState<String, String> links;

    /** The latest decision seen per session (withdrawals included), to drop overtaken ones. */
    private transient MapState<String, Long> linkSequences;

    private transient ValueState<Long> revision;
    private transient ValueState<Long> expiresAt;
    private transient TimerSlot timer;

    public AttemptRecordOperator(CorrelationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        snapshot =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("attempt-snapshot", Tags.DOCUMENT));
        links =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "attempt-sessions", Types.STRING, Types.STRING));
        linkSequences =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "attempt-session-sequences", Types.STRING, Types.LONG));
        revision = getRuntimeContext().getState(new ValueStateDescriptor<>("revision", Types.LONG));
        expiresAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("expires-at", Types.LONG));
        timer = new TimerSlot("attempt-record-timer");
        timer.open(getRuntimeContext());
    }

    @Override
    public void processElement1(EcsDocument attempt, Context ctx, Collector<EcsDocument> out)
            throws Exception {
        snapshot.update(attempt);
        boolean finished = Boolean.TRUE.equals(attempt.get(Fields.ATTEMPT_FINISHED));
        long lastSeen = Times.millis(attempt, Fields.ATTEMPT_LAST_SEEN);
        long end = Math.max(Times.millis(attempt, Ecs.EVENT_END), lastSeen);
        long expiry =
                finished
                        ? Times.plus(end, settings.attemptLinger() + settings.linkRetention())
                        : Times.plus(lastSeen, settings.attemptTtl() + settings.linkRetention());
        // The latest snapshot decides: a finished attempt expires sooner than a running one.
        expiresAt.update(expiry);
        timer.arm(ctx.timerService(), expiry);
        emit(attempt, out);
    }

    @Override
    public void processElement2(SessionLink link, Context ctx, Collector<EcsDocument> out)
            throws Exception {
        Long seen = linkSequences.get(link.sessionKey);
        if (seen != null && link.sequence < seen) {
            // overtaken by a later decision about the same session (same record time)
            return;
        }
        linkSequences.put(link.sessionKey, link.sequence);
        if (link.linked) {
            links.put(link.sessionKey, link.method);
        } else {
            links.remove(link.sessionKey);
        }
        Long recordTime = ctx.timestamp();
        long now =
                Math.max(
                        ctx.timerService().currentWatermark(),
                        recordTime == null ? Times.NONE : recordTime);
        extend(ctx, Times.plus(now, settings.linkRetention()));
        EcsDocument current = snapshot.value();
        if (current != null) {
            emit(current, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EcsDocument> out)
            throws Exception {
        timer.fired(timestamp);
        Long expiry = expiresAt.value();
        if (expiry != null && expiry <= TimerSlot.firedAt(timestamp, ctx.timerService())) {
            snapshot.clear();
            links.clear();
            linkSequences.clear();
            revision.clear();
            expiresAt.clear();
            timer.clear(ctx.timerService());
        } else if (expiry != null) {
            timer.arm(ctx.timerService(), expiry);
        }
    }

    private void extend(Context ctx, long expiry) throws Exception {
        Long current = expiresAt.value();
        long next = current == null ? expiry : Math.max(current, expiry);
        expiresAt.update(next);
        timer.arm(ctx.timerService(), next);
    }

    private void emit(EcsDocument attempt, Collector<EcsDocument> out) throws Exception {
        Long rev = revision.value();
        long next = rev == null ? 1 : rev + 1;
        revision.update(next);
        EcsDocument d = attempt.copy();
        d.remove(Fields.ATTEMPT_FINISHED);
        d.put(Ecs.RUNTRAIL_REVISION, next);
        TreeSet<String> keys = new TreeSet<>();
        TreeSet<String> methods = new TreeSet<>();
        for (Map.Entry<String, String> e : links.entries()) {
            keys.add(e.getKey());
            if (e.getValue() != null) {
                methods.add(e.getValue());
            }
        }
        if (!keys.isEmpty()) {
            d.put(Ecs.RUNTRAIL_SESSION_KEY, new ArrayList<Object>(keys));
            d.put(Ecs.RUNTRAIL_MATCH_METHOD, new ArrayList<Object>(methods));
        }
        out.collect(d);
    }

    /** For tests: the session keys currently linked. */
    static List<String> sessionKeys(EcsDocument attempt) {
        Object v = attempt.get(Ecs.RUNTRAIL_SESSION_KEY);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(x.toString()));
        }
        return out;
    }
}
