package dev.runtrail.ingest.proxy;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordBoundary;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A line-oriented proxy log format: one record per line, parsed by a {@link ProxyLineParser};
 * sniffing parses the first lines of the head and scores by how many are records.
 */
abstract class ProxyTextFormat implements Format {
    private static final SourceRef SNIFF = SourceRef.of("sniff");

    private final String name;
    private final String dataset;
    private final String fileHint;

    /**
     * @param fileHint a substring of file names this format's files usually carry, for a small
     *     sniff bonus
     */
    ProxyTextFormat(String name, String dataset, String fileHint) {
        this.name = name;
        this.dataset = dataset;
        this.fileHint = fileHint;
    }

    abstract ProxyLineParser parser(SourceRef source);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String dataset() {
        return dataset;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        return new LineRecordReader(input, parser(input.ref()), name(), dataset());
    }

    /** One record per line, so a large file can be read in parallel ranges. */
    @Override
    public final RecordBoundary boundary(byte[] head) {
        return RecordBoundary.LINE;
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        ProxyLineParser parser = parser(SNIFF);
        int tried = 0;
        int ok = 0;
        // Only the first lines are decoded (the head of a task log or an XML export is no proxy
        // log, and every file is sniffed by every format). When the head filled the sniff buffer
        // its last line may be cut: that one is ignored.
        for (int start = 0; start < head.length && tried < 10; ) {
            int end = start;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            if (end == head.length && head.length >= Formats.SNIFF_BYTES) {
                break;
            }
            String line = new String(head, start, end - start, StandardCharsets.UTF_8).strip();
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            tried++;
            if (parser.accepts(line)) {
                ok++;
            }
        }
        int score = tried == 0 ? 0 : 85 * ok / tried;
        String file = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (score > 0 && file.contains(fileHint)) {
            score += 10;
        }
        return Math.min(score, 100);
    }
}
