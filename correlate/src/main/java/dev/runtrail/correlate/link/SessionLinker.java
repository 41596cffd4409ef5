package dev.runtrail.correlate.link;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.StringPool;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.TimerSlot;
import dev.runtrail.correlate.Times;
import dev.runtrail.correlate.session.SessionMachine;
import dev.runtrail.correlate.session.SessionState;
import dev.runtrail.model.EcsDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by normalized host: holds the host's sessions (from the session builder) and the windows of
 * attempts that ran on or connected to it, and links them with {@link LinkDecider}. It owns the
 * session documents: main output = SESSIONS with {@code runtrail.revision}; side output {@link
 * Tags#SESSION_LINKS} tells the attempt records which sessions are theirs.
 *
 * <p>A session is first decided when the watermark passes its logon time plus the skew tolerance
 * (every attempt that could contain it has been seen by then); later facts re-decide it, and a
 * changed decision is emitted as a new revision. Closed sessions and finished attempts are
 * forgotten after the link retention.
 */
public class SessionLinker
        extends KeyedCoProcessFunction<String, SessionState, AttemptWindow, EcsDocument> {
    private final CorrelationSettings settings;
    private transient LinkDecider decider;
    private transient MapState<String, LinkedSession> sessions;
    private transient MapState<String, AttemptWindow> windows;
    private transient ValueState<SkewEstimate> skew;

    /** Client address → worker (normalized host; empty when several), learned from sure links. */
    private transient MapState<String, String> workerAddresses;

    /** True when an address was learned during the current call. */
    private transient boolean learnedAddress;

    private transient TimerSlot timer;

    /** Strings that repeat across this instance's sessions; see {@link StringPool}. */
    private transient StringPool pool;

    private static final int POOLED_STRINGS = 4096;

    /** Sessions re-decided as a side effect of a skew update, to emit after the current call. */
    private transient List<LinkedSession> pendingEmits;

    /**
     * Whether any session of the key has been decided (and may still be held). A bounded run
     * decides nothing before the end of a key, so window updates need not look at the sessions.
     */
    private transient ValueState<Boolean> anyDecided;

    /** Whether a loop that may decide many sessions is running (see {@link #indexWindows}). */
    private transient boolean indexing;

    /** The key's windows indexed by time, built at the first decision of such a loop. */
    private transient WindowIndex index;

    public SessionLinker(CorrelationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        decider = new LinkDecider(settings);
        sessions =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "sessions",
                                        Types.STRING,
                                        TypeInformation.of(LinkedSession.class)));
        windows =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "attempt-windows", Types.STRING, Tags.WINDOW));
        skew =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "clock-skew", TypeInformation.of(SkewEstimate.class)));
        workerAddresses =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "worker-addresses", Types.STRING, Types.STRING));
        anyDecided =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("any-decided", Types.BOOLEAN));
        timer = new TimerSlot("linker-timer");
        timer.open(getRuntimeContext());
        pendingEmits = new ArrayList<>();
        pool = new StringPool(POOLED_STRINGS);
    }

    private void flushPending(Collector<EcsDocument> out) throws Exception {
        for (LinkedSession s : pendingEmits) {
            out.collect(s.render());
            sessions.put(s.sessionKey, s);
        }
        pendingEmits.clear();
    }

    @Override
    public void processElement1(SessionState session, Context ctx, Collector<EcsDocument> out)
            throws Exception {
        long now = ctx.timerService().currentWatermark();
        LinkedSession s = sessions.get(SessionMachine.sessionKey(session));
        if (s == null) {
            s = new LinkedSession();
        } else if (s.session != null && session.sequence < s.session.sequence) {
            // A snapshot older than the one held. A bounded run sorts each key's records by time
            // and leaves records of equal time in no fixed order, so two snapshots of one
            // millisecond can arrive swapped; the older one must not replace the newer.
            return;
        }
        Long recordTime = ctx.timestamp();
        s.refresh(session, recordTime == null ? now : recordTime, pool);
        s.decideAt = Times.plus(s.logonTime, settings.skewTolerance() + Math.abs(skewOffset()));
        if (s.decideAt == Times.NONE) {
            // No logon time: nothing to wait for.
            s.decideAt = s.updatedAt;
        }
        if (s.decided || (s.decideAt != Times.NONE && s.decideAt <= now)) {
            decide(s, ctx);
        }
        s.revision++;
        out.collect(s.render());
        sessions.put(s.sessionKey, s);
        flushPending(out);
        // Only this session's deadline is new; the timer already covers every other one.
        timer.arm(ctx.timerService(), deadline(s));
    }

    @Override
    public void processElement2(AttemptWindow window, Context ctx, Collector<EcsDocument> out)
            throws Exception {
        window.internWith(pool);
        windows.put(window.slot(), window);
        List<LinkedSession> changed = new ArrayList<>();
        if (anyDecided.value() != null) {
            long margin = settings.skewTolerance() + Math.abs(skewOffset());
            boolean indexed = indexWindows();
            try {
                for (LinkedSession s : sessions.values()) {
                    if (s.decided && mayConcern(s, window, margin) && decide(s, ctx)) {
                        changed.add(s);
                    }
                }
            } finally {
                dropIndex(indexed);
            }
        }
        for (LinkedSession s : changed) {
            s.revision++;
            out.collect(s.render());
            sessions.put(s.sessionKey, s);
        }
        flushPending(out);
        // Re-deciding leaves the sessions' deadlines as they were; only the window's is new.
        timer.arm(ctx.timerService(), expiry(window));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EcsDocument> out)
            throws Exception {
        timer.fired(timestamp);
        long now = TimerSlot.firedAt(timestamp, ctx.timerService());
        List<LinkedSession> due = new ArrayList<>();
        for (LinkedSession s : sessions.values()) {
            if (!s.decided && s.decideAt != Times.NONE && s.decideAt <= now) {
                due.add(s);
            }
        }
        // In logon order, so that addresses learned from earlier sessions serve later ones.
        due.sort(Comparator.comparingLong((LinkedSession s) -> s.logonTime));
        learnedAddress = false;
        boolean indexed = indexWindows();
        try {
            for (LinkedSession s : due) {
                boolean changed = decide(s, ctx);
                if (changed) {
                    s.revision++;
                    out.collect(s.render());
                }
                sessions.put(s.sessionKey, s);
            }
            if (learnedAddress) {
                redecideByAddress(ctx, out);
            }
        } finally {
            dropIndex(indexed);
        }
        flushPending(out);
        Iterator<Map.Entry<String, LinkedSession>> it = sessions.iterator();
        while (it.hasNext()) {
            LinkedSession s = it.next().getValue();
            if (s.decided && expiry(s) <= now) {
                it.remove();
            }
        }
        Iterator<Map.Entry<String, AttemptWindow>> wit = windows.iterator();
        while (wit.hasNext()) {
            if (expiry(wit.next().getValue()) <= now) {
                wit.remove();
            }
        }
        // Removing through an iterator can leave an empty map behind in heap state.
        if (sessions.isEmpty()) {
            sessions.clear();
        }
        if (windows.isEmpty()) {
            windows.clear();
        }
        rearm(ctx);
    }

    /**
     * Decides again the sessions that only host, account and time linked (or nothing), whose client
     * address has since been learned as a worker's.
     */
    private void redecideByAddress(Context ctx, Collector<EcsDocument> out) throws Exception {
        List<LinkedSession> changed = new ArrayList<>();
        for (LinkedSession s : sessions.values()) {
            if (s.decided
                    && s.sourceIp != null
                    && !LinkDecider.COMMAND_LINE.equals(s.method)
                    && !LinkDecider.TARGET_HOST_ACCOUNT_IP.equals(s.method)
                    && workerAddresses.contains(s.sourceIp)
                    && decide(s, ctx)) {
                changed.add(s);
            }
        }
        for (LinkedSession s : changed) {
            s.revision++;
            out.collect(s.render());
            sessions.put(s.sessionKey, s);
        }
    }

    /** Decides a session again; emits link changes; true when the decision changed. */
    private boolean decide(LinkedSession s, Context ctx) throws Exception {
        long offset = skewOffset();
        Map<String, String> learned = new HashMap<>();
        for (Map.Entry<String, String> e : workerAddresses.entries()) {
            learned.put(e.getKey(), e.getValue());
        }
        // with an index, only the windows the decider would test true; else all of them
        if (indexing && index == null) {
            index = new WindowIndex(windows.values(), settings.skewTolerance());
        }
        Iterable<AttemptWindow> held = index != null ? index.relevant(s, offset) : windows.values();
        LinkDecider.Decision d = decider.decide(s, held, offset, learned);
        if (s.decided && evidenceExpired(s, d)) {
            // The attempts behind the earlier decision are no longer held: keep it.
            return false;
        }
        s.skewUsed = offset;
        List<String> before = s.attemptKeys();
        s.decided = true;
        if (anyDecided.value() == null) {
            anyDecided.update(true);
        }
        boolean changed = s.apply(d);
        if (!changed) {
            return false;
        }
        List<String> after = s.attemptKeys();
        long sequence = ++s.linkSequence;
        for (String old : before) {
            if (!after.contains(old)) {
                ctx.output(
                        Tags.SESSION_LINKS,
                        new SessionLink(old, s.sessionKey, null, 0, false).withSequence(sequence));
            }
        }
        for (String key : after) {
            ctx.output(
                    Tags.SESSION_LINKS,
                    new SessionLink(key, s.sessionKey, s.method, s.confidence, true)
                            .withSequence(sequence));
        }
        learnAddress(s, d);
        if (!s.skewSampled
                && !d.tieBroken()
                && LinkDecider.TARGET_HOST_ACCOUNT_IP.equals(d.method())
                && d.window().connectTime != Times.NONE) {
            s.skewSampled = true;
            learnSkew(s.logonTime - d.window().connectTime, ctx);
        }
        return true;
    }

    /**
     * Adds a sample from an unambiguous match; when the estimate moves, sessions that were decided
     * by a tie-break (or not at all) are decided again with the better clock.
     */
    /**
     * Whether a window update can change a session's decision: it is one of the session's attempts
     * or candidates, or its time range (widened by tolerance and skew) reaches the logon or one of
     * the session's task processes. Keeps a window update from re-deciding every session of a busy
     * host.
     */
    private static boolean mayConcern(LinkedSession s, AttemptWindow w, long margin) {
        // Runs for every decided session of the host on every window update: the time tests
        // first, and no list built to look for the attempt among the session's links.
        long from = w.start == Times.NONE ? Long.MIN_VALUE : w.start - margin;
        long to = w.finished() ? w.end + margin : Long.MAX_VALUE;
        if (s.logonTime >= from && s.logonTime <= to) {
            return true;
        }
        for (CommandUse use : s.commands) {
            if (use.time >= from && use.time <= to) {
                return true;
            }
        }
        return s.candidates.contains(w.attemptKey) || s.links(w.attemptKey);
    }

    /** True when a decision would drop a link only because its attempt windows expired. */
    private boolean evidenceExpired(LinkedSession s, LinkDecider.Decision d) throws Exception {
        if (s.attemptKey == null && s.candidates.isEmpty()) {
            return false;
        }
        List<String> earlier = new ArrayList<>(s.candidates);
        earlier.addAll(s.attemptKeys());
        for (String key : earlier) {
            if (!windows.contains(key + "/" + AttemptWindow.TARGET)
                    && !windows.contains(key + "/" + AttemptWindow.WORKER)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Learns the session's client address as its attempt's worker when the link is sure: a command
     * line named the attempt, or the logon's workstation name is the worker's. A second worker seen
     * at the same address makes it useless (NAT), so it is then marked as several.
     */
    private void learnAddress(LinkedSession s, LinkDecider.Decision d) throws Exception {
        AttemptWindow w = d.window();
        if (d.attemptKey() == null
                || w == null
                || w.worker == null
                || s.sourceIp == null
                || s.sourceIp.startsWith("127.")
                || s.sourceIp.equals("::1")) {
            return;
        }
        boolean sure =
                LinkDecider.COMMAND_LINE.equals(d.method())
                        || (s.workstation != null
                                && LinkDecider.sameMachine(s.workstation, w.worker));
        if (!sure) {
            return;
        }
        String known = workerAddresses.get(s.sourceIp);
        if (known == null) {
            workerAddresses.put(s.sourceIp, w.worker);
            learnedAddress = true;
        } else if (!known.isEmpty() && !known.equals(w.worker)) {
            workerAddresses.put(s.sourceIp, "");
            learnedAddress = true;
        }
    }

    private void learnSkew(long sample, Context ctx) throws Exception {
        SkewEstimate e = skew.value();
        if (e == null) {
            e = new SkewEstimate();
        }
        long before = e.offset();
        e.add(sample);
        skew.update(e);
        if (Math.abs(e.offset() - before) < settings.tieMargin() / 2) {
            return;
        }
        boolean indexed = indexWindows();
        try {
            for (LinkedSession other : sessions.values()) {
                if (other.decided && !other.candidates.isEmpty() && decide(other, ctx)) {
                    other.revision++;
                    pendingEmits.add(other);
                }
            }
        } finally {
            dropIndex(indexed);
        }
    }

    /**
     * Starts a loop that may decide many sessions, unless an enclosing loop has: its first decision
     * indexes the key's windows (a loop that decides nothing builds nothing), and the windows must
     * not change until {@link #dropIndex}.
     *
     * @return whether this call started it (and its caller ends it)
     */
    private boolean indexWindows() {
        if (indexing) {
            return false;
        }
        indexing = true;
        index = null;
        return true;
    }

    private void dropIndex(boolean started) {
        if (started) {
            indexing = false;
            index = null;
        }
    }

    private long skewOffset() throws Exception {
        SkewEstimate e = skew.value();
        return e == null ? 0L : e.offset();
    }

    private long expiry(LinkedSession s) {
        long base =
                s.closed()
                        ? Math.max(s.endTime, s.decideAt)
                        : Times.plus(Math.max(s.updatedAt, s.logonTime), settings.sessionTtl());
        return Times.plus(base, settings.linkRetention());
    }

    private long expiry(AttemptWindow w) {
        return w.finished()
                ? Times.plus(w.end, settings.skewTolerance() + settings.linkRetention())
                : Times.plus(Math.max(w.lastSeen, w.start), settings.attemptTtl());
    }

    /** When the timer must next look at a session: its decision, or once decided, its expiry. */
    private long deadline(LinkedSession s) {
        return s.decided ? expiry(s) : s.decideAt;
    }

    /**
     * Sets the timer to the earliest deadline of all sessions and windows, or clears the host's
     * state when none is left. A full scan: for the timer, which has scanned them anyway.
     */
    private void rearm(Context ctx) throws Exception {
        long next = Long.MAX_VALUE;
        boolean any = false;
        for (LinkedSession s : sessions.values()) {
            any = true;
            next = Math.min(next, deadline(s));
        }
        for (AttemptWindow w : windows.values()) {
            any = true;
            next = Math.min(next, expiry(w));
        }
        if (!any) {
            timer.clear(ctx.timerService());
            skew.clear();
            workerAddresses.clear();
            anyDecided.clear();
            return;
        }
        timer.arm(ctx.timerService(), next);
    }
}
