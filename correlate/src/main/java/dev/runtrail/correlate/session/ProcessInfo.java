package dev.runtrail.correlate.session;

import java.util.Objects;

/** One process created in a session (4688): a Flink POJO kept in {@link SessionState}. */
public class ProcessInfo {
    public long time;
    public long pid = -1;
    public long parentPid = -1;
    public String executable;
    public String commandLine;

    public ProcessInfo() {}

    public ProcessInfo(long time, long pid, long parentPid, String executable, String commandLine) {
        this.time = time;
        this.pid = pid;
        this.parentPid = parentPid;
        this.executable = executable;
        this.commandLine = commandLine;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessInfo p
                && time == p.time
                && pid == p.pid
                && parentPid == p.parentPid
                && Objects.equals(executable, p.executable)
                && Objects.equals(commandLine, p.commandLine);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, pid, parentPid, executable, commandLine);
    }

    @Override
    public String toString() {
        return "ProcessInfo{" + pid + " " + executable + " " + commandLine + "}";
    }
}
