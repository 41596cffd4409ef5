package dev.runtrail.correlate.link;

/** A process in a session whose command line runs an Airflow task. A Flink POJO. */
public class CommandUse {
    public long time;
    public String dagId;
    public String taskId;
    public String runId;
    public long mapIndex = -1;

    public CommandUse() {}

    public CommandUse(long time, CommandLines.Invocation invocation) {
        this.time = time;
        this.dagId = invocation.dagId();
        this.taskId = invocation.taskId();
        this.runId = invocation.runId();
        this.mapIndex = invocation.mapIndex();
    }

    boolean names(AttemptWindow w) {
        return dagId.equals(w.dagId)
                && taskId.equals(w.taskId)
                && runId.equals(w.runId)
                && mapIndex == w.mapIndex;
    }
}
