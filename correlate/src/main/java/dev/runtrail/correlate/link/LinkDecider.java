package dev.runtrail.correlate.link;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Names;
import dev.runtrail.correlate.Times;
import dev.runtrail.ingest.windows.LogonTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides which attempt caused a session, strongest method first: {@code command_line} (a process
 * of the session runs the attempt), {@code target_host_account_ip} (the attempt's target host,
 * account and worker address equal the session's host, account and source address, and the logon
 * falls in the attempt's window widened by the clock-skew tolerance), {@code host_account_time}
 * (host, account and time only; a known, different address rules a candidate out). When several
 * attempts qualify, the worker address and then the tightest fit decide; a tie within the margin is
 * reported as {@code ambiguous} with the candidates, never guessed.
 *
 * <p>An interactive logon (at the console, unlock, remote desktop; see {@link
 * LogonTypes#isInteractive}) is linked only by a process that names the attempt. Task hooks log on
 * over the network, so someone at a keyboard with the service account's password during a task's
 * window is not that task: linking by account and time would hide exactly what an auditor should
 * see.
 */
public final class LinkDecider {
    public static final String COMMAND_LINE = "command_line";
    public static final String TARGET_HOST_ACCOUNT_IP = "target_host_account_ip";
    public static final String HOST_ACCOUNT_TIME = "host_account_time";
    public static final String AMBIGUOUS = "ambiguous";

    private final CorrelationSettings settings;

    public LinkDecider(CorrelationSettings settings) {
        this.settings = settings;
    }

    /**
     * A decision: {@code method} null when nothing matched; {@code attemptKey} null when none or
     * ambiguous; {@code tieBroken} true when more than one attempt qualified.
     */
    public record Decision(
            String method,
            double confidence,
            String attemptKey,
            AttemptWindow window,
            List<String> candidates,
            boolean tieBroken,
            List<AttemptWindow> linked) {
        static final Decision NONE =
                new Decision(null, 0.0, null, null, List.of(), false, List.of());

        Decision(
                String method,
                double confidence,
                String attemptKey,
                AttemptWindow window,
                List<String> candidates,
                boolean tieBroken) {
            this(
                    method,
                    confidence,
                    attemptKey,
                    window,
                    candidates,
                    tieBroken,
                    window == null ? List.of() : List.of(window));
        }
    }

    /** Where a session came from, as far as the data tells, relative to one attempt's worker. */
    enum Origin {
        SAME_WORKER,
        UNKNOWN,
        OTHER_MACHINE
    }

    /** The decision for a session among the attempt windows known for its host. */
    public Decision decide(LinkedSession s, Iterable<AttemptWindow> windows, long skew) {
        return decide(s, windows, skew, Map.of());
    }

    /**
     * The decision for a session among the attempt windows known for its host; {@code learned} maps
     * a client address to the worker it was seen to belong to (empty value: several).
     */
    public Decision decide(
            LinkedSession s,
            Iterable<AttemptWindow> windows,
            long skew,
            Map<String, String> learned) {
        Decision byCommand = byCommandLine(s, windows, skew);
        if (byCommand != null) {
            return byCommand;
        }
        if (s.logonTime == Times.NONE || s.account == null || s.isInteractive()) {
            return Decision.NONE;
        }
        Names.Account account = Names.Account.parse(s.account);
        List<AttemptWindow> strong = new ArrayList<>();
        List<AttemptWindow> weak = new ArrayList<>();
        for (AttemptWindow w : windows) {
            // The time test before the account, which is parsed for each window.
            if (!AttemptWindow.TARGET.equals(w.role)
                    || !contains(w, s.logonTime, skew)
                    || !account.sameAs(Names.Account.parse(w.account))) {
                continue;
            }
            switch (origin(s, w, learned)) {
                case SAME_WORKER -> strong.add(w);
                case UNKNOWN -> weak.add(w);
                case OTHER_MACHINE -> {
                    // The logon came from another machine than this attempt's worker.
                }
            }
        }
        if (!strong.isEmpty()) {
            return resolve(TARGET_HOST_ACCOUNT_IP, 0.9, strong, s, skew, learned);
        }
        if (!weak.isEmpty()) {
            return resolve(HOST_ACCOUNT_TIME, 0.6, weak, s, skew, learned);
        }
        return Decision.NONE;
    }

    private Decision byCommandLine(LinkedSession s, Iterable<AttemptWindow> windows, long skew) {
        if (s.commands.isEmpty()) {
            return null;
        }
        // A worker's service logon runs many tasks: each process names its own attempt, and the
        // session belongs to every attempt one of its processes ran unambiguously.
        List<AttemptWindow> named = new ArrayList<>();
        List<AttemptWindow> unclear = new ArrayList<>();
        for (CommandUse use : s.commands) {
            List<AttemptWindow> forUse = new ArrayList<>(2);
            for (AttemptWindow w : windows) {
                if (use.names(w) && contains(w, use.time, skew) && !hasSlot(forUse, w)) {
                    forUse.add(w);
                }
            }
            if (forUse.size() > 1) {
                forUse = closest(forUse, use.time, skew);
            }
            List<AttemptWindow> target = forUse.size() == 1 ? named : unclear;
            for (AttemptWindow w : forUse) {
                if (!hasSlot(target, w)) {
                    target.add(w);
                }
            }
        }
        if (named.isEmpty()) {
            return unclear.isEmpty()
                    ? null
                    : resolve(COMMAND_LINE, 0.99, unclear, s, skew, Map.of());
        }
        if (named.size() == 1) {
            AttemptWindow w = named.get(0);
            return new Decision(COMMAND_LINE, 0.99, w.attemptKey, w, List.of(), false);
        }
        named.sort(
                Comparator.comparingLong((AttemptWindow w) -> w.start)
                        .thenComparing(w -> w.attemptKey));
        AttemptWindow first = named.get(0);
        return new Decision(
                COMMAND_LINE, 0.99, first.attemptKey, first, List.of(), false, List.copyOf(named));
    }

    private Decision resolve(
            String method,
            double confidence,
            List<AttemptWindow> candidates,
            LinkedSession s,
            long skew,
            Map<String, String> learned) {
        List<AttemptWindow> distinct = distinctAttempts(candidates);
        if (distinct.size() == 1) {
            AttemptWindow w = distinct.get(0);
            return new Decision(method, confidence, w.attemptKey, w, List.of(), false);
        }
        List<AttemptWindow> ranTheCommand = new ArrayList<>();
        List<String> processCommands = s.processCommands();
        for (AttemptWindow w : distinct) {
            for (String c : w.commands) {
                if (processCommands.contains(c)) {
                    ranTheCommand.add(w);
                    break;
                }
            }
        }
        if (ranTheCommand.size() == 1) {
            // Only one candidate logged running a command that this session's processes ran.
            AttemptWindow w = ranTheCommand.get(0);
            return new Decision(method, confidence - 0.02, w.attemptKey, w, keys(distinct), true);
        }
        if (ranTheCommand.size() > 1) {
            distinct = ranTheCommand;
        }
        List<AttemptWindow> sameIp = new ArrayList<>();
        for (AttemptWindow w : distinct) {
            if (origin(s, w, learned) == Origin.SAME_WORKER) {
                sameIp.add(w);
            }
        }
        if (sameIp.size() == 1) {
            AttemptWindow w = sameIp.get(0);
            return new Decision(method, confidence - 0.05, w.attemptKey, w, keys(distinct), true);
        }
        List<AttemptWindow> pool = sameIp.isEmpty() ? distinct : sameIp;
        boolean byConnect = pool.stream().allMatch(w -> w.connectTime != Times.NONE);
        long when = s.logonTime;
        Comparator<AttemptWindow> tightness =
                Comparator.comparingLong(w -> fit(w, byConnect, when, skew));
        pool.sort(tightness.thenComparing(w -> w.attemptKey));
        long best = fit(pool.get(0), byConnect, when, skew);
        long second = fit(pool.get(1), byConnect, when, skew);
        if (best != Long.MAX_VALUE && second - best >= settings.tieMargin()) {
            AttemptWindow w = pool.get(0);
            return new Decision(method, confidence - 0.1, w.attemptKey, w, keys(distinct), true);
        }
        return new Decision(AMBIGUOUS, 0.0, null, null, keys(distinct), true);
    }

    /**
     * Whether the session's client is the attempt's worker. The NetBIOS workstation name an NTLM
     * logon records is the most specific evidence (addresses can be shared behind NAT); then the
     * worker's address (configured, or the worker's host name when it is an address); then an
     * address learned from sessions linked with certainty.
     */
    static Origin origin(LinkedSession s, AttemptWindow w, Map<String, String> learned) {
        if (s.workstation != null && w.worker != null && !Names.isIpLiteral(w.worker)) {
            return sameMachine(s.workstation, w.worker) ? Origin.SAME_WORKER : Origin.OTHER_MACHINE;
        }
        if (s.sourceIp == null) {
            return Origin.UNKNOWN;
        }
        if (w.workerIp != null) {
            return w.workerIp.equals(s.sourceIp) ? Origin.SAME_WORKER : Origin.OTHER_MACHINE;
        }
        String known = learned.get(s.sourceIp);
        if (known == null || known.isEmpty() || w.worker == null) {
            return Origin.UNKNOWN;
        }
        return known.equals(w.worker) ? Origin.SAME_WORKER : Origin.OTHER_MACHINE;
    }

    /** Longest NetBIOS computer name; longer host names are truncated to it. */
    private static final int NETBIOS_LENGTH = 15;

    /**
     * True when a normalized NetBIOS workstation name names the worker (normalized host name):
     * equal, or the worker's name cut to the NetBIOS length.
     */
    public static boolean sameMachine(String workstation, String worker) {
        return workstation.equals(worker)
                || (worker.length() > NETBIOS_LENGTH
                        && workstation.equals(worker.substring(0, NETBIOS_LENGTH)));
    }

    /**
     * Of the attempts a process could belong to (retries of one task name the same attempt on the
     * command line), the one whose window holds the process time or is nearest to it, when it is
     * nearer than the others by the tie margin; else all of them.
     */
    private List<AttemptWindow> closest(List<AttemptWindow> windows, long time, long skew) {
        List<AttemptWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(w -> distance(w, time, skew)));
        long best = distance(sorted.get(0), time, skew);
        long second = distance(sorted.get(1), time, skew);
        return second - best >= settings.tieMargin() ? List.of(sorted.get(0)) : windows;
    }

    /** How far a time lies outside an attempt's window (0 inside), with the host's skew. */
    private static long distance(AttemptWindow w, long time, long skew) {
        long from = w.start + skew;
        if (time < from) {
            return from - time;
        }
        if (w.finished() && time > w.end + skew) {
            return time - (w.end + skew);
        }
        return 0;
    }

    /** Smaller is tighter: distance to the connect time, else the window length. */
    private static long fit(AttemptWindow w, boolean byConnect, long when, long skew) {
        if (byConnect && when != Times.NONE) {
            return Math.abs(when - (w.connectTime + skew));
        }
        return w.finished() ? w.end - w.start : Long.MAX_VALUE;
    }

    private boolean contains(AttemptWindow w, long time, long skew) {
        if (time == Times.NONE || w.start == Times.NONE) {
            return false;
        }
        long tolerance = settings.skewTolerance();
        long from = w.start + skew - tolerance;
        long to = w.finished() ? w.end + skew + tolerance : Long.MAX_VALUE;
        return time >= from && time <= to;
    }

    private static boolean hasSlot(List<AttemptWindow> list, AttemptWindow w) {
        for (AttemptWindow x : list) {
            if (x.attemptKey.equals(w.attemptKey)) {
                return true;
            }
        }
        return false;
    }

    private static List<AttemptWindow> distinctAttempts(List<AttemptWindow> windows) {
        List<AttemptWindow> out = new ArrayList<>(windows.size());
        for (AttemptWindow w : windows) {
            if (!hasSlot(out, w)) {
                out.add(w);
            }
        }
        return out;
    }

    private static List<String> keys(List<AttemptWindow> windows) {
        List<String> keys = new ArrayList<>(windows.size());
        for (AttemptWindow w : windows) {
            keys.add(w.attemptKey);
        }
        keys.sort(null);
        return keys;
    }
}
