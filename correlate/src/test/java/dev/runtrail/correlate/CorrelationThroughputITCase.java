package dev.runtrail.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.sampledata.Scenario;
import dev.runtrail.sampledata.ScenarioConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rough end-to-end rate of {@link Correlation#apply} on a MiniCluster (parallelism 2) over a scaled
 * scenario, parsing excluded. Runs only with {@code -Druntrail.bench=true} ({@code
 * -Druntrail.bench.scale=N} sets the scenario scale, default 10).
 */
class CorrelationThroughputITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTestCluster.withTwoSlots();

    /** The MiniCluster runs in this JVM, so the source reads the parsed list in place. */
    private static volatile List<EcsDocument> events;

    @Test
    void correlatesAScaledScenario(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("runtrail.bench"), "set -Druntrail.bench=true");
        double scale = Double.parseDouble(System.getProperty("runtrail.bench.scale", "10"));
        Scenario.generate(
                new ScenarioConfig(20240501L, ScenarioConfig.BUNDLED.startDate(), 1, 5, 3, scale),
                dir);
        events = ScenarioAccuracyITCase.parse(dir);
        CorrelationSettings settings =
                CorrelationSettings.defaults()
                        .withInventory(
                                Map.of(),
                                ConnectionInventory.fromExport(
                                        dir.resolve("airflow").resolve("connections.json")));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // Data shipped with fromData would be serialized into the job graph and dominate the time.
        DataGeneratorSource<EcsDocument> source =
                new DataGeneratorSource<>(
                        index -> events.get((int) (long) index).copy(),
                        events.size(),
                        Tags.DOCUMENT);
        DataStream<EcsDocument> input =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "events")
                        .setParallelism(1);
        Correlation.apply(input, settings).all().sinkTo(new DiscardingSink<>());
        long t0 = System.nanoTime();
        JobExecutionResult result = env.execute("correlation throughput");
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "correlation: %d events, %.1f s wall, job %d ms = %.0f events/s%n",
                events.size(),
                seconds,
                result.getNetRuntime(),
                events.size() * 1000.0 / result.getNetRuntime());
        assertThat(result.getNetRuntime()).isPositive();
    }
}
