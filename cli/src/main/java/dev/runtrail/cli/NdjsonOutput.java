package dev.runtrail.cli;

import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads back an NDJSON output directory: {@code <kind>.ndjson} or part files under {@code <kind>/}.
 */
final class NdjsonOutput {
    private NdjsonOutput() {}

    /** The files of a kind: the single file, then the part files in name order. */
    static List<Path> files(Path dir, Kind kind) throws IOException {
        List<Path> files = new ArrayList<>();
        Path single = dir.resolve(kind.fileName());
        if (Files.isRegularFile(single)) {
            files.add(single);
        }
        Path parts = dir.resolve(kind.id());
        if (Files.isDirectory(parts)) {
            try (Stream<Path> list = Files.list(parts)) {
                list.filter(p -> p.getFileName().toString().endsWith(".ndjson"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    /**
     * Every line of a kind, in file order (later lines supersede earlier ones with the same id).
     */
    static List<EcsDocument> read(Path dir, Kind kind) throws IOException {
        List<EcsDocument> docs = new ArrayList<>();
        for (Path file : files(dir, kind)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        docs.add(EcsJson.fromHitLine(kind, line));
                    }
                }
            }
        }
        return docs;
    }
}
