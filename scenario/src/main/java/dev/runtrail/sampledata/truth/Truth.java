package dev.runtrail.sampledata.truth;

import dev.runtrail.sampledata.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ground truth, streamed: each section (runs, attempts, noise sessions, anomalies) goes to its
 * own temporary file as entries happen, and {@link #finish} joins them into {@code truth.json} (one
 * compact object per line inside each array), so the world never has to be held in memory.
 */
public final class Truth implements Closeable {
    /** The sections of truth.json, in file order. */
    public enum Section {
        RUNS("runs"),
        ATTEMPTS("attempts"),
        NOISE_SESSIONS("noise_sessions"),
        ANOMALIES("anomalies");

        private final String key;

        Section(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private final Path file;
    private final Path[] parts = new Path[Section.values().length];
    private final Writer[] writers = new Writer[Section.values().length];
    private final long[] counts = new long[Section.values().length];

    public Truth(Path file) throws IOException {
        this.file = file;
        for (Section section : Section.values()) {
            Path part =
                    file.resolveSibling("." + file.getFileName() + "." + section.key() + ".part");
            parts[section.ordinal()] = part;
            writers[section.ordinal()] =
                    new BufferedWriter(
                            Files.newBufferedWriter(part, StandardCharsets.UTF_8), 1 << 16);
        }
    }

    public void add(Section section, Json entry) throws IOException {
        Writer w = writers[section.ordinal()];
        if (counts[section.ordinal()] > 0) {
            w.write(",\n");
        }
        w.write("    ");
        w.write(entry.compact());
        counts[section.ordinal()]++;
    }

    public long count(Section section) {
        return counts[section.ordinal()];
    }

    /** Writes truth.json: the header fields, then every section. */
    public void finish(Json header) throws IOException {
        for (Writer w : writers) {
            w.close();
        }
        try (Writer out =
                new BufferedWriter(
                        Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            String head = header.pretty(0);
            out.write(head, 0, head.length() - 2); // drop the closing "\n}" to append sections
            char[] buffer = new char[1 << 16];
            for (Section section : Section.values()) {
                out.write(",\n  \"" + section.key() + "\": [");
                if (counts[section.ordinal()] > 0) {
                    out.write('\n');
                    try (Reader in =
                            Files.newBufferedReader(
                                    parts[section.ordinal()], StandardCharsets.UTF_8)) {
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            out.write(buffer, 0, n);
                        }
                    }
                    out.write("\n  ");
                }
                out.write(']');
            }
            out.write("\n}\n");
        }
        deleteParts();
    }

    private void deleteParts() throws IOException {
        for (Path part : parts) {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public void close() throws IOException {
        for (Writer w : writers) {
            w.close();
        }
        deleteParts();
    }
}
