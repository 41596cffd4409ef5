package dev.runtrail.cli.job;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputFiles;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small subset of the bundled scenario ({@code sample-data/}): one DAG's task logs, one host's
 * Security log and the proxy log. Small enough for a loaded 2-core machine, yet it has runs,
 * attempts, sessions and a trigger to correlate.
 */
final class Scenario {
    private Scenario() {}

    static Path root() {
        String root = System.getProperty("runtrail.root");
        assumeTrue(root != null, "system property runtrail.root is not set");
        Path dir = Path.of(root).resolve("sample-data");
        assumeTrue(Files.isDirectory(dir), "bundled scenario absent: " + dir);
        return dir;
    }

    /** Windows and proxy records: shipped first by the stream tests. */
    static List<Path> firstPart() {
        Path root = root();
        return List.of(
                root.resolve("windows/WIN-FS01-Security.xml"),
                root.resolve("proxy/oauth2-proxy.log"));
    }

    /** Airflow task logs of one DAG: shipped second. */
    static List<Path> secondPart() {
        return List.of(root().resolve("airflow/logs/dag_id=app_config_deploy"));
    }

    static List<Path> all() {
        return java.util.stream.Stream.concat(firstPart().stream(), secondPart().stream()).toList();
    }

    /** Raw records in the files, as {@code runtrail ship} sends them: one per parse result. */
    static long records(List<Path> paths) throws IOException {
        long n = 0;
        for (Path file : InputFiles.expand(paths)) {
            try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
                while (reader.next() != null) {
                    n++;
                }
            }
        }
        return n;
    }
}
