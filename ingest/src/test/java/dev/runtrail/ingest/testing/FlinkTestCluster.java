package dev.runtrail.ingest.testing;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The Flink MiniCluster the integration tests of every module run their jobs on: one task manager
 * with two slots, enough for the parallelism of 2 the jobs use. Shared through this module's
 * test-jar.
 */
public final class FlinkTestCluster {
    private FlinkTestCluster() {}

    /** A new extension, to register as a {@code @RegisterExtension static final} field. */
    public static MiniClusterExtension withTwoSlots() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }
}
