package dev.runtrail.correlate.link;

import dev.runtrail.correlate.StringPool;
import dev.runtrail.correlate.Times;
import java.util.Objects;

/**
 * What the linker needs to know about one task attempt on one host: when it ran, from which worker
 * address, as which account. An attempt sends one window for its worker host ({@link #WORKER}, for
 * command-line matches) and one per remote target ({@link #TARGET}). A Flink POJO.
 */
public class AttemptWindow {
    public static final String WORKER = "worker";
    public static final String TARGET = "target";

    public String attemptKey;
    public String runKey;
    public String dagId;
    public String runId;
    public String taskId;
    public long mapIndex = -1;
    public long tryNumber;

    /** Normalized host this window is about (the linker's key). */
    public String host;

    /** {@link #WORKER} or {@link #TARGET}. */
    public String role;

    /** Normalized account the attempt used on the target ({@code user@domain}), or null. */
    public String account;

    /** The worker's normalized host name (first DNS label, lower case), or null. */
    public String worker;

    /** The worker's address as the target would see it, or null. */
    public String workerIp;

    public long start = Times.NONE;

    /** End time, {@link Times#NONE} while running. */
    public long end = Times.NONE;

    public long lastSeen = Times.NONE;

    /** When the attempt logged connecting to the target; NONE for worker windows. */
    public long connectTime = Times.NONE;

    /** Normalized command lines the attempt ran on the target (see AttemptMachine). */
    public java.util.List<String> commands = new java.util.ArrayList<>();

    public AttemptWindow() {}

    public boolean finished() {
        return end != Times.NONE;
    }

    /**
     * Replaces the strings by the pool's instances: the windows of an attempt (one per update and
     * host) and of the attempts of a run repeat them, and a linked session keeps them too.
     */
    public void internWith(StringPool pool) {
        attemptKey = pool.intern(attemptKey);
        runKey = pool.intern(runKey);
        dagId = pool.intern(dagId);
        runId = pool.intern(runId);
        taskId = pool.intern(taskId);
        host = pool.intern(host);
        role = pool.intern(role);
        account = pool.intern(account);
        worker = pool.intern(worker);
        workerIp = pool.intern(workerIp);
        if (!commands.isEmpty()) {
            java.util.List<String> pooled = new java.util.ArrayList<>(commands.size());
            for (String c : commands) {
                pooled.add(pool.intern(c));
            }
            commands = pooled;
        }
    }

    /** The key of this window in the linker's state: one per attempt and role. */
    public String slot() {
        return attemptKey + "/" + role;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttemptWindow w
                && Objects.equals(attemptKey, w.attemptKey)
                && Objects.equals(host, w.host)
                && Objects.equals(role, w.role)
                && Objects.equals(account, w.account)
                && Objects.equals(worker, w.worker)
                && Objects.equals(workerIp, w.workerIp)
                && start == w.start
                && end == w.end
                && lastSeen == w.lastSeen
                && connectTime == w.connectTime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(attemptKey, host, role, start, end);
    }

    @Override
    public String toString() {
        return "AttemptWindow{"
                + dagId
                + "/"
                + taskId
                + "/"
                + runId
                + "#"
                + tryNumber
                + " "
                + role
                + "@"
                + host
                + " "
                + account
                + " ip="
                + workerIp
                + " ["
                + Times.instant(start)
                + ", "
                + Times.instant(end)
                + "]}";
    }
}
