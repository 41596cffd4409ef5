package dev.runtrail.cli;

import dev.runtrail.cli.job.AuditJob;
import dev.runtrail.cli.job.JobSettings;
import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.ingest.InputFiles;
import dev.runtrail.ingest.flink.IngestProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the bounded job over files on an in-process MiniCluster in batch mode, with progress on
 * stderr.
 */
final class JobRunner {
    private JobRunner() {}

    /**
     * Watches directories for new exports and processes them as they arrive, until the process is
     * stopped: the same graph in streaming mode, with checkpoints.
     */
    static void watchFiles(
            List<Path> inputs,
            String format,
            int parallelism,
            Targets.Resolved target,
            Duration interval)
            throws Exception {
        JobSettings settings =
                JobSettings.files(
                        inputs.stream()
                                .map(p -> p.toAbsolutePath().normalize().toString())
                                .toList(),
                        format,
                        parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(Duration.ofSeconds(10).toMillis());
        AuditJob.build(env, AuditJob.fileSource(settings, interval), settings, target.outputs());
        System.err.println("Watching " + inputs + " every " + interval + " (Ctrl-C stops).");
        env.execute("runtrail run --watch");
    }

    /**
     * The environment for jobs over files. Flink's file source keeps finished split fetchers parked
     * until its close timeout (30 s by default) when a bounded read ends; all input has been
     * consumed by then, so a short timeout ends the run without that idle wait.
     */
    static StreamExecutionEnvironment fileJobEnvironment() {
        Configuration conf = new Configuration();
        conf.set(SourceReaderOptions.SOURCE_READER_CLOSE_TIMEOUT, 1000L);
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    static JobSummary runFiles(
            List<Path> inputs, String format, int parallelism, Targets.Resolved target, String name)
            throws Exception {
        List<Path> files = InputFiles.expand(inputs);
        JobSettings settings =
                JobSettings.files(
                        inputs.stream()
                                .map(p -> p.toAbsolutePath().normalize().toString())
                                .toList(),
                        format,
                        parallelism);
        StreamExecutionEnvironment env = fileJobEnvironment();
        // Files are bounded: in batch mode Flink sorts each key's events by time before the
        // correlation operators see them, so the order in which files happen to be read cannot
        // make events late. The graph is the same one the streaming job runs.
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        AuditJob.build(env, AuditJob.fileSource(settings), settings, target.outputs());
        IngestProgress.reset();
        Progress progress = new Progress(System.err, InputFiles.totalBytes(files));
        JobClient client = env.executeAsync(name);
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        while (true) {
            try {
                JobExecutionResult done = result.get(250, TimeUnit.MILLISECONDS);
                progress.finish();
                return JobSummary.of(done);
            } catch (TimeoutException e) {
                progress.update(IngestProgress.bytes(), IngestProgress.records());
            }
        }
    }
}
