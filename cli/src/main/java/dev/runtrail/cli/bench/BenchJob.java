package dev.runtrail.cli.bench;

import dev.runtrail.cli.job.AuditJob;
import dev.runtrail.cli.job.CountingMap;
import dev.runtrail.cli.job.JobSettings;
import dev.runtrail.ingest.flink.EcsDocumentTypeInfo;
import dev.runtrail.model.EcsDocument;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The graphs the harnesses run: the audit job as the CLI runs it, or ingest alone (source → count →
 * sinks, no correlation) to separate parsing and delivery cost from correlation cost.
 */
final class BenchJob {
    private BenchJob() {}

    static void build(
            StreamExecutionEnvironment env,
            Source<EcsDocument, ?, ?> source,
            JobSettings settings,
            AuditJob.Outputs outputs,
            boolean correlation) {
        if (correlation) {
            AuditJob.build(env, source, settings, outputs);
            return;
        }
        env.setParallelism(settings.parallelism());
        outputs.attach(
                env.fromSource(
                                source,
                                WatermarkStrategy.noWatermarks(),
                                "raw-records",
                                EcsDocumentTypeInfo.INSTANCE)
                        .uid("raw-records")
                        .map(new CountingMap())
                        .returns(EcsDocumentTypeInfo.INSTANCE)
                        .name("count-records")
                        .uid("count-records"));
    }
}
