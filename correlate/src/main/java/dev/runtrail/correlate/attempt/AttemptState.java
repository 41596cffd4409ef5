package dev.runtrail.correlate.attempt;

import dev.runtrail.correlate.Times;
import java.util.ArrayList;
import java.util.List;

/** What is known about one task attempt. A Flink POJO; times in epoch millis. */
public class AttemptState {
    public String attemptKey;
    public String runKey;
    public String dagId;
    public String runId;
    public String taskId;
    public long mapIndex = -1;
    public long tryNumber;
    public String runType;
    public String operator;
    public String owner;

    /** Worker host as logged, and the address it is known by. */
    public String worker;

    public String workerIp;

    public long start = Times.NONE;
    public long end = Times.NONE;
    public long firstSeen = Times.NONE;
    public long lastSeen = Times.NONE;
    public String state;
    public String logicalDate;
    public long pid = -1;
    public long exitCode = Long.MIN_VALUE;
    public List<RemoteTarget> targets = new ArrayList<>();

    /** Commands the attempt logged running on its targets ("Running command: '...'"), bounded. */
    public List<String> remoteCommands = new ArrayList<>();

    /** Earliest unsent change; NONE when nothing is due. */
    public long emitDue = Times.NONE;

    public long sequence;

    /** The record's index-routing time, fixed at its first snapshot. */
    public long keyTime = Times.NONE;

    public AttemptState() {}

    public boolean known() {
        return attemptKey != null;
    }

    public boolean finished() {
        return end != Times.NONE;
    }

    /** Start as logged, or the first line seen. */
    public long effectiveStart() {
        return start != Times.NONE ? start : firstSeen;
    }
}
