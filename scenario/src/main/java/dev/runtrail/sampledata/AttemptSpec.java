package dev.runtrail.sampledata;

import dev.runtrail.sampledata.world.TaskDef;
import dev.runtrail.sampledata.world.Worker;
import java.time.Instant;
import java.util.Set;

/** One task attempt to simulate: which, where, when, and how it ends. */
record AttemptSpec(
        RunPlan run,
        TaskDef task,
        int mapIndex,
        int tryNumber,
        int maxTries,
        Worker worker,
        Instant start,
        int durationSeconds,
        Outcome outcome,
        int downstream,
        Set<AnomalyKind> inject) {

    String taskInstance(String state) {
        String mapped = mapIndex >= 0 ? " map_index=" + mapIndex : "";
        return "<TaskInstance: "
                + run.dag().dagId()
                + "."
                + task.taskId()
                + " "
                + run.runId()
                + mapped
                + " ["
                + state
                + "]>";
    }

    boolean failed() {
        return outcome != Outcome.SUCCESS;
    }

    /** What Airflow marks the attempt as. */
    String finalState() {
        if (!failed()) {
            return "success";
        }
        return tryNumber < maxTries ? "up_for_retry" : "failed";
    }
}
