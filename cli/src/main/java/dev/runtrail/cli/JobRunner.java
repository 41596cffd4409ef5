package dev.runtrail.cli;

import dev.runtrail.cli.job.AuditJob;
import dev.runtrail.cli.job.JobSettings;
import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.ingest.InputFiles;
import dev.runtrail.ingest.flink.IngestProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
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
            boolean correlate,
            Configuration conf,
            Targets.Resolved target,
            Duration interval)
            throws Exception {
        JobSettings settings = settings(inputs, format, parallelism, correlate, conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(Duration.ofSeconds(10).toMillis());
        AuditJob.build(env, AuditJob.fileSource(settings, interval), settings, target.outputs());
        System.err.println("Watching " + inputs + " every " + interval + " (Ctrl-C stops).");
        env.execute("runtrail run --watch");
    }

    static JobSummary runFiles(
            List<Path> inputs, String format, int parallelism, Targets.Resolved target, String name)
            throws Exception {
        return runFiles(inputs, format, parallelism, true, new Configuration(), target, name);
    }

    /**
     * Runs the bounded job to its end with a progress bar.
     *
     * @param correlate false for the ingest stage alone (events and dead letters)
     * @param conf the command's settings: correlation options, and Flink options for the job
     */
    static JobSummary runFiles(
            List<Path> inputs,
            String format,
            int parallelism,
            boolean correlate,
            Configuration conf,
            Targets.Resolved target,
            String name)
            throws Exception {
        // The progress bar's total is listed while the local cluster starts and takes the job,
        // which lists the inputs again where it runs: a tree of many thousand small files takes a
        // while to list, and the bar can do without its total for that long.
        CompletableFuture<Long> total =
                CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        return InputFiles.totalSize(InputFiles.list(inputs));
                                    } catch (IOException e) {
                                        return -1L; // the job reports what cannot be read
                                    }
                                })
                        .exceptionally(e -> -1L);
        JobSettings settings = settings(inputs, format, parallelism, correlate, conf);
        StreamExecutionEnvironment env = AuditJob.boundedEnvironment(conf);
        AuditJob.build(env, AuditJob.fileSource(settings), settings, target.outputs());
        IngestProgress.reset();
        Progress progress = new Progress(System.err, () -> total.getNow(-1L));
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

    private static JobSettings settings(
            List<Path> inputs,
            String format,
            int parallelism,
            boolean correlate,
            Configuration conf) {
        return JobSettings.from(
                        inputs.stream()
                                .map(p -> p.toAbsolutePath().normalize().toString())
                                .toList(),
                        format,
                        parallelism,
                        conf)
                .withCorrelation(correlate);
    }
}
