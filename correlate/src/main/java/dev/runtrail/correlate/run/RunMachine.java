package dev.runtrail.correlate.run;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Names;
import dev.runtrail.correlate.Times;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import dev.runtrail.model.Kind;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Builds the DAG runs of one DAG and attributes each to a human or to the scheduler, without Flink.
 * Facts come from Airflow's dagRun export, its event log, the task attempts and the proxy's trigger
 * requests. A manual run is matched to the proxy trigger request closest to its creation time
 * (queued_at, else the run id's timestamp, else its first attempt) within the trigger tolerance;
 * each request makes at most one run. Airflow's own record of the trigger (3.x
 * triggering_user_name, else the event-log owner) is cross-checked and a disagreement kept.
 */
public final class RunMachine {
    public static final String PROXY_RUN_ID = "proxy_run_id";
    public static final String PROXY_TRIGGER = "proxy_trigger";
    public static final String AIRFLOW_TRIGGERING_USER = "airflow_triggering_user";
    public static final String AIRFLOW_EVENT_LOG = "airflow_event_log";
    public static final String SCHEDULER = "scheduler";
    public static final String NONE = "none";

    private final CorrelationSettings settings;

    /** The watermark of the call in progress. */
    private long now = Times.NONE;

    /**
     * Runs marked dirty in the call in progress, to emit at its end. A bounded run holds a DAG's
     * whole history until the end of its key, and scanning every run for the few that changed, once
     * per event, was quadratic in that history.
     */
    private final List<RunState> dirtyRuns = new ArrayList<>();

    /** Runs and claims the call in progress created or changed: the only deadlines that moved. */
    private final List<RunState> touchedRuns = new ArrayList<>();

    private final List<TriggerClaim> newClaims = new ArrayList<>();

    public RunMachine(CorrelationSettings settings) {
        this.settings = settings;
    }

    /** True for the events this machine reads (besides attempt snapshots). */
    public static boolean accepts(EcsDocument e) {
        String dataset = e.getString(Ecs.EVENT_DATASET);
        if (e.getString(Ecs.AIRFLOW_DAG_ID) == null || dataset == null) {
            return false;
        }
        return dataset.equals("airflow.dagrun")
                || dataset.equals("airflow.audit")
                || (dataset.startsWith("proxy.")
                        && "trigger".equals(e.getString(Ecs.AIRFLOW_ACTION)));
    }

    /** Applies one event or attempt snapshot of this DAG; {@code now} is the watermark. */
    public void onEvent(DagRuns d, EcsDocument e, long now, RunOutput out) {
        this.now = now;
        touchedRuns.clear();
        newClaims.clear();
        d.dagId = e.getString(Ecs.AIRFLOW_DAG_ID);
        String owner = e.getString(Ecs.AIRFLOW_OWNER);
        if (owner != null) {
            d.owner = owner;
        }
        long ts = Times.millis(e, Ecs.TIMESTAMP);
        ts = ts == Times.NONE ? now : ts;
        if (e.kind() == Kind.ATTEMPTS) {
            fromAttempt(d, e, ts);
        } else {
            String dataset = e.getString(Ecs.EVENT_DATASET);
            if ("airflow.dagrun".equals(dataset)) {
                fromDagRun(d, e, ts);
            } else if ("airflow.audit".equals(dataset)) {
                fromAudit(d, e, ts);
            } else {
                fromProxy(d, e, ts);
            }
            out.event(e);
        }
        match(d, now);
        emitDirty(d, out);
    }

    /** Decides runs whose tolerance has passed, emits, forgets what has expired. */
    public void onTime(DagRuns d, long now, RunOutput out) {
        this.now = now;
        touchedRuns.clear();
        newClaims.clear();
        match(d, now);
        emitDirty(d, out);
        d.runs.values().removeIf(r -> expiry(r) <= now);
        if (d.claims.removeIf(c -> claimExpiry(c) <= now)) {
            d.forgetClaimIds();
        }
    }

    /**
     * The next time {@link #onTime} has work among what the last {@link #onEvent} call created or
     * changed. Every other deadline is unchanged since the timer was last set, and that timer is
     * kept when it is earlier ({@code TimerSlot}), so this gives the timer {@link #nextDeadline}
     * would, without looking at every run.
     */
    public long nextDeadlineOfChanges() {
        long next = Long.MAX_VALUE;
        for (RunState r : touchedRuns) {
            next = Math.min(next, deadline(r));
        }
        for (TriggerClaim c : newClaims) {
            next = Math.min(next, claimExpiry(c));
        }
        return next;
    }

    private long deadline(RunState r) {
        long next = expiry(r);
        if (manual(r) && !r.decided && anchor(r) != Times.NONE) {
            next = Math.min(next, decideAt(r));
        }
        return next;
    }

    /** The next time {@link #onTime} has work, or {@link Long#MAX_VALUE}. */
    public long nextDeadline(DagRuns d) {
        long next = Long.MAX_VALUE;
        for (RunState r : d.runs.values()) {
            next = Math.min(next, deadline(r));
        }
        for (TriggerClaim c : d.claims) {
            next = Math.min(next, claimExpiry(c));
        }
        return next;
    }

    private void fromDagRun(DagRuns d, EcsDocument e, long ts) {
        String runId = e.getString(Ecs.AIRFLOW_RUN_ID);
        if (runId != null) {
            e.put(Ecs.RUNTRAIL_RUN_KEY, Keys.run(d.dagId, runId));
        }
        RunState r = run(d, runId, ts);
        if (r == null) {
            return;
        }
        r.runType = pick(e.getString(Ecs.AIRFLOW_RUN_TYPE), r.runType, r);
        String state = e.getString(Ecs.AIRFLOW_STATE);
        r.state = pick(state == null ? null : state.toLowerCase(Locale.ROOT), r.state, r);
        r.logicalDate = pick(e.getString(Ecs.AIRFLOW_LOGICAL_DATE), r.logicalDate, r);
        r.created = pickTime(Times.millis(e, Ecs.EVENT_CREATED), r.created, r);
        r.start = pickTime(Times.millis(e, Ecs.EVENT_START), r.start, r);
        r.end = pickTime(Times.millis(e, Ecs.EVENT_END), r.end, r);
        r.triggeredBy = pick(e.getString(Fields.AIRFLOW_TRIGGERED_BY), r.triggeredBy, r);
        r.triggeringUser = pick(e.getString(Ecs.AIRFLOW_TRIGGERING_USER), r.triggeringUser, r);
    }

    private void fromAudit(DagRuns d, EcsDocument e, long ts) {
        String action = e.getString(Ecs.EVENT_ACTION);
        if (!isTriggerAction(action)) {
            return;
        }
        String user = e.getString(Ecs.USER_NAME);
        String runId = e.getString(Ecs.AIRFLOW_RUN_ID);
        if (runId != null) {
            RunState r = run(d, runId, ts);
            if (r != null) {
                r.auditUser = pick(user, r.auditUser, r);
            }
            e.put(Ecs.RUNTRAIL_RUN_KEY, Keys.run(d.dagId, runId));
            return;
        }
        TriggerClaim c = new TriggerClaim();
        c.id = e.id();
        c.source = TriggerClaim.AUDIT;
        c.user = user;
        c.time = ts;
        d.addClaim(c);
        newClaims.add(c);
        for (RunState r : d.runs.values()) {
            long anchor = anchor(r);
            if (r.decided
                    && anchor != Times.NONE
                    && Math.abs(anchor - ts) <= settings.triggerTolerance()) {
                markDirty(r);
            }
        }
    }

    private void fromProxy(DagRuns d, EcsDocument e, long ts) {
        Long status = e.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE);
        if (status != null && status >= 400) {
            return;
        }
        String method = e.getString(Ecs.HTTP_REQUEST_METHOD);
        if (method != null && !method.equalsIgnoreCase("POST")) {
            // A GET of the trigger form does not trigger anything.
            return;
        }
        TriggerClaim c = new TriggerClaim();
        c.id = e.id();
        c.source = TriggerClaim.PROXY;
        c.user = e.getString(Ecs.USER_NAME);
        c.email = e.getString(Ecs.USER_EMAIL);
        c.sourceIp = e.getString(Ecs.SOURCE_IP);
        c.runId = e.getString(Ecs.AIRFLOW_RUN_ID);
        c.time = ts;
        if (d.hasClaim(c.id)) {
            return;
        }
        d.addClaim(c);
        newClaims.add(c);
    }

    private void fromAttempt(DagRuns d, EcsDocument e, long ts) {
        RunState r = run(d, e.getString(Ecs.AIRFLOW_RUN_ID), ts);
        if (r == null) {
            return;
        }
        if (r.runType == null) {
            r.runType = pick(e.getString(Ecs.AIRFLOW_RUN_TYPE), null, r);
        }
        long start = Times.millis(e, Ecs.EVENT_START);
        if (start != Times.NONE && (r.firstAttempt == Times.NONE || start < r.firstAttempt)) {
            r.firstAttempt = start;
            markDirty(r);
        }
    }

    private RunState run(DagRuns d, String runId, long ts) {
        long lateLimit = Times.minus(now, settings.runLinger());
        if (runId == null) {
            return null;
        }
        String key = Keys.run(d.dagId, runId);
        RunState r = d.runs.get(key);
        if (r == null) {
            if (ts < lateLimit) {
                // Older than any run still kept: a fresh record would overwrite the full one.
                return null;
            }
            r = new RunState();
            r.runKey = key;
            r.dagId = d.dagId;
            r.runId = runId;
            r.runType = runTypeOf(runId);
            markDirty(r);
            d.runs.put(key, r);
        }
        r.lastSeen = Math.max(r.lastSeen, ts);
        touchedRuns.add(r);
        return r;
    }

    /** Assigns proxy claims to manual runs whose tolerance has passed, closest pairs first. */
    private void match(DagRuns d, long now) {
        if (now == Times.NONE && !d.anyDecided) {
            // Before the first watermark (a bounded run: until the end of the DAG's input) no run
            // can be decided, and with none decided there is nothing to match.
            return;
        }
        List<RunState> open = new ArrayList<>();
        for (RunState r : d.runs.values()) {
            if (!manual(r) || anchor(r) == Times.NONE) {
                continue;
            }
            if (!r.decided && decideAt(r) <= now) {
                r.decided = true;
                d.anyDecided = true;
                markDirty(r);
                touchedRuns.add(r);
            }
            if (r.decided && !r.exactClaim) {
                exactClaim(d, r);
            }
            if (r.decided && r.claimId == null) {
                open.add(r);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        record Pair(RunState run, TriggerClaim claim, long distance) {}
        List<Pair> pairs = new ArrayList<>();
        for (RunState r : open) {
            long anchor = anchor(r);
            for (TriggerClaim c : d.claims) {
                long distance = Math.abs(c.time - anchor);
                if (TriggerClaim.PROXY.equals(c.source)
                        && c.claimedBy == null
                        && (c.runId == null || c.runId.equals(r.runId))
                        && distance <= settings.triggerTolerance()) {
                    pairs.add(new Pair(r, c, distance));
                }
            }
        }
        pairs.sort(
                Comparator.comparingLong(Pair::distance)
                        .thenComparing(p -> p.run().runKey)
                        .thenComparing(p -> String.valueOf(p.claim().id)));
        for (Pair p : pairs) {
            if (p.run().claimId == null && p.claim().claimedBy == null) {
                assign(p.run(), p.claim(), false);
            }
        }
    }

    private void exactClaim(DagRuns d, RunState r) {
        for (TriggerClaim c : d.claims) {
            if (TriggerClaim.PROXY.equals(c.source) && r.runId.equals(c.runId)) {
                if (r.claimId != null) {
                    for (TriggerClaim old : d.claims) {
                        if (r.claimId.equals(old.id)) {
                            old.claimedBy = null;
                        }
                    }
                }
                assign(r, c, true);
                return;
            }
        }
    }

    private void assign(RunState r, TriggerClaim c, boolean exact) {
        c.claimedBy = r.runKey;
        r.claimId = c.id;
        r.proxyUser = c.user;
        r.proxyEmail = c.email;
        r.proxyIp = c.sourceIp;
        r.proxyTime = c.time;
        r.exactClaim = exact;
        markDirty(r);
    }

    private void markDirty(RunState r) {
        if (!r.dirty) {
            r.dirty = true;
            dirtyRuns.add(r);
        }
    }

    private void emitDirty(DagRuns d, RunOutput out) {
        List<RunState> dirty = new ArrayList<>(dirtyRuns);
        dirtyRuns.clear();
        dirty.sort(Comparator.comparing(r -> r.runKey));
        for (RunState r : dirty) {
            r.dirty = false;
            r.revision++;
            out.run(render(d, r));
        }
    }

    /** The run document. */
    EcsDocument render(DagRuns d, RunState r) {
        EcsDocument doc = new EcsDocument(Kind.RUNS, r.runKey);
        long anchor = anchor(r);
        doc.put(Ecs.TIMESTAMP, Times.instant(first(r.created, r.start, anchor)));
        doc.put(Ecs.EVENT_KIND, "state");
        doc.put(Ecs.AIRFLOW_DAG_ID, r.dagId);
        doc.put(Ecs.AIRFLOW_RUN_ID, r.runId);
        doc.put(Ecs.AIRFLOW_RUN_TYPE, r.runType);
        doc.put(Ecs.AIRFLOW_STATE, r.state);
        doc.put(Ecs.AIRFLOW_LOGICAL_DATE, r.logicalDate);
        doc.put(Ecs.AIRFLOW_OWNER, d.owner);
        doc.put(Ecs.AIRFLOW_TRIGGERING_USER, r.triggeringUser);
        doc.put(Fields.AIRFLOW_TRIGGERED_BY, r.triggeredBy);
        doc.put(Ecs.EVENT_CREATED, Times.instant(r.created));
        doc.put(Ecs.EVENT_START, Times.instant(first(r.start, r.firstAttempt, Times.NONE)));
        doc.put(Ecs.EVENT_END, Times.instant(r.end));
        doc.put(Ecs.RUNTRAIL_RUN_KEY, r.runKey);
        doc.put(Ecs.RUNTRAIL_REVISION, r.revision);
        if (r.keyTime == Times.NONE) {
            // Fixed at the first revision: the sink routes every revision by it.
            r.keyTime = runIdTime(r.runId);
            if (r.keyTime == Times.NONE) {
                r.keyTime = first(r.created, anchor, r.lastSeen);
            }
        }
        doc.put(Ecs.RUNTRAIL_KEY_TIME, Times.instant(r.keyTime));
        identity(d, r, doc);
        return doc;
    }

    private void identity(DagRuns d, RunState r, EcsDocument doc) {
        if (!manual(r)) {
            if (r.runType != null && !"backfill".equals(r.runType)) {
                doc.put(Fields.IDENTITY_ACTOR, SCHEDULER);
                doc.put(Ecs.RUNTRAIL_MATCH_METHOD, SCHEDULER);
                doc.put(Ecs.RUNTRAIL_MATCH_CONFIDENCE, 1.0);
            }
            return;
        }
        String airflowUser = airflowUser(d, r);
        doc.put(Fields.IDENTITY_AIRFLOW_USER, airflowUser);
        if (!r.decided) {
            return;
        }
        if (r.proxyUser != null || r.proxyEmail != null) {
            String human = r.proxyUser != null ? r.proxyUser : r.proxyEmail;
            doc.put(Ecs.USER_NAME, human);
            doc.put(Ecs.USER_EMAIL, r.proxyEmail != null ? r.proxyEmail : emailLike(r.proxyUser));
            doc.put(Fields.IDENTITY_ACTOR, human);
            doc.put(Fields.IDENTITY_SOURCE_IP, r.proxyIp);
            doc.put(Fields.IDENTITY_TRIGGER_TIME, Times.instant(r.proxyTime));
            doc.put(Ecs.RUNTRAIL_MATCH_METHOD, r.exactClaim ? PROXY_RUN_ID : PROXY_TRIGGER);
            doc.put(Ecs.RUNTRAIL_MATCH_CONFIDENCE, r.exactClaim ? 0.99 : 0.95);
            doc.put(
                    Fields.IDENTITY_MISMATCH,
                    airflowUser != null && !sameHuman(airflowUser, r.proxyUser, r.proxyEmail));
            return;
        }
        doc.put(Fields.IDENTITY_UNAUTHENTICATED, true);
        if (airflowUser != null) {
            // user.name is the human the proxy authenticated; Airflow's own account name (often a
            // shared admin login) is kept as the actor, not presented as that human.
            doc.put(Fields.IDENTITY_ACTOR, airflowUser);
            doc.put(
                    Ecs.RUNTRAIL_MATCH_METHOD,
                    r.triggeringUser != null ? AIRFLOW_TRIGGERING_USER : AIRFLOW_EVENT_LOG);
            doc.put(Ecs.RUNTRAIL_MATCH_CONFIDENCE, 0.7);
        } else {
            doc.put(Ecs.RUNTRAIL_MATCH_METHOD, NONE);
            doc.put(Ecs.RUNTRAIL_MATCH_CONFIDENCE, 0.0);
        }
    }

    /** Airflow's own record: triggering_user_name, else the event log (by run id, else time). */
    private String airflowUser(DagRuns d, RunState r) {
        if (r.triggeringUser != null) {
            return r.triggeringUser;
        }
        if (r.auditUser != null) {
            return r.auditUser;
        }
        long anchor = anchor(r);
        TriggerClaim best = null;
        for (TriggerClaim c : d.claims) {
            long distance = Math.abs(c.time - anchor);
            if (TriggerClaim.AUDIT.equals(c.source)
                    && c.user != null
                    && distance <= settings.triggerTolerance()
                    && (best == null || distance < Math.abs(best.time - anchor))) {
                best = c;
            }
        }
        return best == null ? null : best.user;
    }

    /** Same person: equal names, equal e-mail local parts, or equal accounts without domain. */
    static boolean sameHuman(String airflowUser, String proxyUser, String proxyEmail) {
        String a = airflowUser.trim().toLowerCase(Locale.ROOT);
        for (String candidate : new String[] {proxyUser, proxyEmail}) {
            if (candidate == null) {
                continue;
            }
            String p = candidate.trim().toLowerCase(Locale.ROOT);
            if (a.equals(p)) {
                return true;
            }
            Names.Account x = Names.account(a, null);
            Names.Account y = Names.account(p, null);
            if (x != null && y != null && x.user().equals(y.user())) {
                return true;
            }
        }
        return false;
    }

    private static String emailLike(String user) {
        return user != null && user.indexOf('@') > 0 ? user : null;
    }

    private long decideAt(RunState r) {
        return Times.plus(anchor(r), settings.triggerTolerance());
    }

    private long expiry(RunState r) {
        long base =
                r.terminal()
                        ? Math.max(Math.max(r.end, r.lastSeen), r.created)
                        : Times.plus(r.lastSeen, settings.runTtl() - settings.runLinger());
        long expiry = Times.plus(base, settings.runLinger());
        if (manual(r) && !r.decided && anchor(r) != Times.NONE) {
            expiry = Math.max(expiry, decideAt(r));
        }
        return expiry;
    }

    private long claimExpiry(TriggerClaim c) {
        return Times.plus(c.time, settings.triggerTolerance() + settings.runLinger());
    }

    /** When the run was created: queued_at, else the manual run id's time, else first attempt. */
    static long anchor(RunState r) {
        if (r.created != Times.NONE) {
            return r.created;
        }
        long fromId = r.runIdTime();
        if (fromId != Times.NONE) {
            return fromId;
        }
        return first(r.start, r.firstAttempt, Times.NONE);
    }

    static boolean manual(RunState r) {
        return "manual".equals(r.runType)
                || (r.runType == null && r.runId != null && r.runId.startsWith("manual__"));
    }

    /** The time in a {@code <type>__<ISO time>[_suffix]} run id, or NONE. */
    public static long runIdTime(String runId) {
        if (runId == null) {
            return Times.NONE;
        }
        int sep = runId.indexOf("__");
        if (sep < 0) {
            return Times.NONE;
        }
        String text = runId.substring(sep + 2);
        long parsed = parseOffset(text);
        if (parsed == Times.NONE) {
            int suffix = text.lastIndexOf('_');
            if (suffix > 0) {
                parsed = parseOffset(text.substring(0, suffix));
            }
        }
        return parsed;
    }

    private static long parseOffset(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return Times.NONE;
        }
    }

    static String runTypeOf(String runId) {
        int sep = runId.indexOf("__");
        if (sep <= 0) {
            return null;
        }
        String prefix = runId.substring(0, sep);
        return switch (prefix) {
            case "manual", "scheduled", "backfill", "dataset_triggered", "asset_triggered" ->
                    prefix;
            default -> null;
        };
    }

    static boolean isTriggerAction(String action) {
        if (action == null) {
            return false;
        }
        String a = action.toLowerCase(Locale.ROOT);
        return a.contains("trigger") || a.equals("dag_run.create") || a.equals("post_dag_run");
    }

    private static long first(long a, long b, long c) {
        return a != Times.NONE ? a : (b != Times.NONE ? b : c);
    }

    private String pick(String incoming, String current, RunState r) {
        if (incoming != null && !incoming.equals(current)) {
            markDirty(r);
            return incoming;
        }
        return current;
    }

    private long pickTime(long incoming, long current, RunState r) {
        if (incoming != Times.NONE && incoming != current) {
            markDirty(r);
            return incoming;
        }
        return current;
    }
}
