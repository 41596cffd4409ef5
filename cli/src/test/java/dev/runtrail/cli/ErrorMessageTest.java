package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.sinks.elasticsearch.ElasticsearchSinkException;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.junit.jupiter.api.Test;

/** What stderr says when a command fails: {@link Runtrail#describe}. */
class ErrorMessageTest {
    /**
     * The chain {@code JobClient.getJobExecutionResult().get()} throws when a sink fails the job,
     * as {@code runtrail run} printed it.
     */
    private static Throwable failedJob(Throwable cause) {
        JobExecutionException failed =
                new JobExecutionException(
                        new JobID(),
                        "Job execution failed.",
                        new JobException(
                                "Recovery is suppressed by NoRestartBackoffTimeStrategy",
                                new RuntimeException(
                                        "Caught exception while processing timer.", cause)));
        return new ExecutionException(failed);
    }

    @Test
    void aJobStoppedByRuntrailsOwnErrorShowsThatErrorAlone() {
        Throwable failure =
                failedJob(
                        new ElasticsearchSinkException(
                                "A bulk request of 3 documents failed and retrying cannot help",
                                new IOException("401 Unauthorized")));

        assertThat(Runtrail.describe(failure))
                .isEqualTo(
                        "the job failed: A bulk request of 3 documents failed and retrying cannot"
                                + " help: 401 Unauthorized");
    }

    @Test
    void anyOtherFailureKeepsEveryMessageOfTheChain() {
        Throwable failure = failedJob(new IOException("No space left on device"));

        assertThat(Runtrail.describe(failure))
                .startsWith("org.apache.flink.runtime.client.JobExecutionException")
                .contains("Recovery is suppressed by NoRestartBackoffTimeStrategy")
                .endsWith("No space left on device");
    }
}
