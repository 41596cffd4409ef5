package dev.runtrail.correlate.link;

/**
 * The identity of an attempt a session is linked to: what the session document names, without the
 * attempt's times, addresses and commands (those stay in its {@link AttemptWindow}). A Flink POJO.
 */
public class LinkedAttempt {
    public String attemptKey;
    public String runKey;
    public String dagId;
    public String runId;
    public String taskId;
    public long mapIndex = -1;
    public long tryNumber;

    public LinkedAttempt() {}

    static LinkedAttempt of(AttemptWindow w) {
        LinkedAttempt a = new LinkedAttempt();
        a.attemptKey = w.attemptKey;
        a.runKey = w.runKey;
        a.dagId = w.dagId;
        a.runId = w.runId;
        a.taskId = w.taskId;
        a.mapIndex = w.mapIndex;
        a.tryNumber = w.tryNumber;
        return a;
    }
}
