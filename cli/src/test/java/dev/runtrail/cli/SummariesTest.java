package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.model.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummariesTest {
    private static final JobSummary RUN =
            new JobSummary(
                    12,
                    10,
                    2,
                    Map.of(Kind.EVENTS, 10L, Kind.DEADLETTER, 2L, Kind.RUNS, 5L),
                    2_000,
                    Map.of("airflow-task-log", new JobSummary.SourceCount(12, 2)));

    @Test
    void indexTotalsAreLabelledAsIncludingEarlierImports() {
        String text = print(new RecordCounts(57, 7, 173, 455, 150, 0, true));

        assertThat(text).contains("in the target indices now (earlier imports included):");
        assertThat(text).contains("  runs              57 (7 manual runs");
        assertThat(text).contains("  sessions          455 (150 linked");
    }

    @Test
    void countsOfThisRunsOutputCarryNoSuchLabel() {
        String text = print(new RecordCounts(3, 1, 4, 6, 2, 0, false));

        assertThat(text).doesNotContain("earlier imports");
        assertThat(text).contains("  attempts          4");
        assertThat(text).contains("records read      12 (events 10 + dead-lettered 2)");
    }

    private static String print(RecordCounts counts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summaries.print(
                new PrintStream(bytes, true, StandardCharsets.UTF_8), RUN, "somewhere", counts);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
