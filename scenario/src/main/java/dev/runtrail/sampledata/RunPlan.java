package dev.runtrail.sampledata;

import dev.runtrail.sampledata.airflow.AirflowTime;
import dev.runtrail.sampledata.world.Dag;
import dev.runtrail.sampledata.world.Human;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * One DAG run decided in advance: its identity and times, and for a manual run the person and the
 * path (UI or REST) that triggered it. {@code anomalies} are the injections this run carries; a
 * {@code doomed} run's last task fails on every try.
 */
record RunPlan(
        Dag dag,
        String runType,
        Instant logicalDate,
        Instant intervalStart,
        Instant intervalEnd,
        Instant createdAt,
        Human trigger,
        boolean viaApi,
        Set<AnomalyKind> anomalies,
        boolean doomed) {

    RunPlan {
        anomalies =
                anomalies.isEmpty() ? EnumSet.noneOf(AnomalyKind.class) : EnumSet.copyOf(anomalies);
    }

    RunPlan with(AnomalyKind kind) {
        Set<AnomalyKind> kinds = EnumSet.of(kind);
        kinds.addAll(anomalies);
        return new RunPlan(
                dag,
                runType,
                logicalDate,
                intervalStart,
                intervalEnd,
                createdAt,
                trigger,
                viaApi,
                kinds,
                doomed);
    }

    RunPlan doomedToFail() {
        return new RunPlan(
                dag,
                runType,
                logicalDate,
                intervalStart,
                intervalEnd,
                createdAt,
                trigger,
                viaApi,
                anomalies,
                true);
    }

    String runId() {
        return runType + "__" + AirflowTime.iso(logicalDate);
    }

    boolean manual() {
        return runType.equals("manual");
    }

    /** Manual runs begin with the person browsing to the DAG shortly before triggering it. */
    Instant firstActivity() {
        return manual() ? createdAt.minusSeconds(30) : createdAt;
    }
}
