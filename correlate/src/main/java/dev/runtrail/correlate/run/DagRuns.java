package dev.runtrail.correlate.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The run builder's state for one DAG: its open runs and recent trigger claims. A Flink POJO. */
public class DagRuns {
    public String dagId;

    /** DAG owner as Airflow logs it, for attributing scheduled runs. */
    public String owner;

    public Map<String, RunState> runs = new HashMap<>();
    public List<TriggerClaim> claims = new ArrayList<>();

    public DagRuns() {}

    public boolean isEmpty() {
        return runs.isEmpty() && claims.isEmpty();
    }
}
