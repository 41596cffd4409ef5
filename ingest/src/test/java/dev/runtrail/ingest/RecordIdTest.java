package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids of records whose parser derives none: the same export read from another folder gives the same
 * ids, and records that only look alike keep apart.
 */
class RecordIdTest {
    @TempDir Path dir;

    private static final String TASK_LOG =
            "[2024-05-03, 17:09:01 UTC] {taskinstance.py:1979} INFO - Dependencies all met\n"
                    + "[2024-05-03, 17:09:02 UTC] {standard_task_runner.py:57} INFO - Started"
                    + " process 4242 to run task\n"
                    + "[2024-05-03, 17:09:03 UTC] {taskinstance.py:1398} INFO - Marking task as"
                    + " SUCCESS. dag_id=etl, task_id=load, execution_date=20240503T170839,"
                    + " start_date=20240503T170901, end_date=20240503T170903\n";

    private static final String PROXY_LOG =
            "10.0.0.7 - 4d2c1e2a-aaaa-bbbb-cccc-0123456789ab [2024/05/03 17:08:39] airflow.example.com"
                    + " POST - \"/api/v1/dags/etl/dagRuns\" HTTP/1.1 \"curl/8.5.0\" 200 512 0.042\n"
                    + "10.0.0.7 - 4d2c1e2a-aaaa-bbbb-cccc-0123456789ab [2024/05/03 17:08:41]"
                    + " airflow.example.com GET - \"/api/v1/dags/etl/dagRuns\" HTTP/1.1"
                    + " \"curl/8.5.0\" 200 2048 0.011\n";

    private static String attemptPath(String dag, String run, String task, int attempt) {
        return "dag_id="
                + dag
                + "/run_id="
                + run
                + "/task_id="
                + task
                + "/attempt="
                + attempt
                + ".log";
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> ids(Path file) throws IOException {
        try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
            List<Parsed> all = TestReading.readAll(reader);
            assertThat(TestReading.deadLetters(all)).as("dead letters of " + file).isEmpty();
            return TestReading.events(all).stream().map(EcsDocument::id).toList();
        }
    }

    @Test
    void aTaskLogReadFromAnotherFolderKeepsItsIds() throws IOException {
        String attempt = attemptPath("etl", "manual__2024-05-03T17:08:39+00:00", "load", 1);
        List<String> first = ids(write("export-a/logs/" + attempt, TASK_LOG));
        List<String> moved = ids(write("mnt/copy/airflow/logs/" + attempt, TASK_LOG));

        assertThat(first).hasSize(3).doesNotHaveDuplicates().isEqualTo(moved);
    }

    @Test
    void theSameLinesInTwoAttemptsHaveTheirOwnIds() throws IOException {
        String run = "manual__2024-05-03T17:08:39+00:00";
        List<String> firstTry = ids(write("logs/" + attemptPath("etl", run, "load", 1), TASK_LOG));
        List<String> secondTry = ids(write("logs/" + attemptPath("etl", run, "load", 2), TASK_LOG));
        List<String> otherTask =
                ids(write("logs/" + attemptPath("etl", run, "extract", 1), TASK_LOG));

        assertThat(firstTry).doesNotContainAnyElementsOf(secondTry);
        assertThat(firstTry).doesNotContainAnyElementsOf(otherTask);
    }

    @Test
    void taskLogsWhoseAttemptIsUnknownAreToldApartByTheirPath() throws IOException {
        List<String> one = ids(write("a/task.log", TASK_LOG));
        List<String> two = ids(write("b/task.log", TASK_LOG));

        assertThat(one).hasSize(3).doesNotContainAnyElementsOf(two);
    }

    @Test
    void aProxyLogWhoseExportRootMovedKeepsItsIds() throws IOException {
        List<String> first = ids(write("export-a/proxy-1/oauth2-proxy.log", PROXY_LOG));
        List<String> moved = ids(write("mnt/backup/proxy-1/oauth2-proxy.log", PROXY_LOG));

        assertThat(first).hasSize(2).doesNotHaveDuplicates().isEqualTo(moved);
    }

    @Test
    void twoReplicasLoggingTheSameLinesAtTheSameOffsetsKeepBoth() throws IOException {
        List<String> one = ids(write("logs/proxy-1/oauth2-proxy.log", PROXY_LOG));
        List<String> two = ids(write("logs/proxy-2/oauth2-proxy.log", PROXY_LOG));

        assertThat(one).hasSize(2).doesNotContainAnyElementsOf(two);
    }

    @Test
    void proxyLinesThatDifferHaveOtherIdsAtTheSameOffset() throws IOException {
        String other = PROXY_LOG.replace("10.0.0.7", "10.0.0.8");
        List<String> first = ids(write("a/proxy/oauth2-proxy.log", PROXY_LOG));
        List<String> second = ids(write("b/proxy/oauth2-proxy.log", other));

        assertThat(first).doesNotContainAnyElementsOf(second);
    }
}
