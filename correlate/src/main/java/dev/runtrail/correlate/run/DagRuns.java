package dev.runtrail.correlate.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The run builder's state for one DAG: its open runs and recent trigger claims. A Flink POJO. */
public class DagRuns {
    public String dagId;

    /** DAG owner as Airflow logs it, for attributing scheduled runs. */
    public String owner;

    public Map<String, RunState> runs = new HashMap<>();
    public List<TriggerClaim> claims = new ArrayList<>();

    /** Whether a run has been decided; false means a match would find nothing to do. */
    public boolean anyDecided;

    /** The ids of {@link #claims}, built when first asked; not state (rebuilt when read). */
    private transient Set<String> claimIds;

    public DagRuns() {}

    boolean hasClaim(String id) {
        if (id == null) {
            return false;
        }
        if (claimIds == null) {
            claimIds = new HashSet<>();
            for (TriggerClaim c : claims) {
                if (c.id != null) {
                    claimIds.add(c.id);
                }
            }
        }
        return claimIds.contains(id);
    }

    void addClaim(TriggerClaim c) {
        claims.add(c);
        if (claimIds != null && c.id != null) {
            claimIds.add(c.id);
        }
    }

    /** Call after removing claims. */
    void forgetClaimIds() {
        claimIds = null;
    }

    public boolean isEmpty() {
        return runs.isEmpty() && claims.isEmpty();
    }
}
