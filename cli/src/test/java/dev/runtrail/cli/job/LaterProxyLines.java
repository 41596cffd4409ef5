package dev.runtrail.cli.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A few oauth2-proxy lines from long after the bundled scenario. Watermarks are not part of a
 * checkpoint: a stream job restored near the end of its input sees only the last records, and
 * timers set before the cut wait for later event time. In a live stream later records always come;
 * the stream tests ship these to make them come.
 */
public final class LaterProxyLines {
    private LaterProxyLines() {}

    /** How many lines {@link #write} writes. */
    public static final int COUNT = 3;

    /** Writes {@code dir/oauth2-proxy.log} and returns it. */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            lines.append("10.20.3.")
                    .append(40 + i)
                    .append(" - later-")
                    .append(i)
                    .append(" - dana@corp.example.com [2030/01/01 00:00:0")
                    .append(i)
                    .append(
                            "] airflow.corp.example.com GET / \"/home\" HTTP/1.1 \"curl/8.5\" 200 12")
                    .append(i)
                    .append(" 0.010\n");
        }
        Path file = dir.resolve("oauth2-proxy.log");
        Files.writeString(file, lines);
        return file;
    }
}
