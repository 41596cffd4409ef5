package dev.runtrail.ingest.proxy;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.Head;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordBoundary;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
        return sniff(new Head(fileName, head));
    }

    /** The proxy formats share one decoding of the first lines of a head. */
    @Override
    public int sniff(Head head) {
        List<String> lines = head.shared(SniffLines.class, SniffLines::decode);
        ProxyLineParser parser = parser(SNIFF);
        int ok = 0;
        for (String line : lines) {
            if (parser.accepts(line)) {
                ok++;
            }
        }
        int score = lines.isEmpty() ? 0 : 85 * ok / lines.size();
        if (score > 0 && head.lowerFileNameContains(fileHint)) {
            score += 10;
        }
        return Math.min(score, 100);
    }

    /** At most 85 for the lines, and 10 more for a file name with this format's hint. */
    @Override
    public int maxSniff(Head head) {
        return head.lowerFileNameContains(fileHint) ? 95 : 85;
    }

    /** The lines of a head a proxy format judges. */
    private static final class SniffLines {
        private static final int MAX_LINES = 10;

        /**
         * The first non-blank lines, stripped. Only the first lines are decoded (the head of a task
         * log or an XML export is no proxy log). When the head filled the sniff buffer its last
         * line may be cut: that one is left out.
         */
        static List<String> decode(byte[] head) {
            List<String> lines = new ArrayList<>(MAX_LINES);
            for (int start = 0; start < head.length && lines.size() < MAX_LINES; ) {
                int end = start;
                while (end < head.length && head[end] != '\n') {
                    end++;
                }
                if (end == head.length && head.length >= Formats.SNIFF_BYTES) {
                    break;
                }
                String line = new String(head, start, end - start, StandardCharsets.UTF_8).strip();
                start = end + 1;
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
