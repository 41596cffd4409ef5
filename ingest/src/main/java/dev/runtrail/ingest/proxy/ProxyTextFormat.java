package dev.runtrail.ingest.proxy;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A line-oriented proxy log format: one record per line, parsed by a {@link ProxyLineParser};
 * sniffing parses the first lines of the head and scores by how many are records.
 */
abstract class ProxyTextFormat implements Format {
    private static final SourceRef SNIFF = SourceRef.of("sniff");

    abstract ProxyLineParser parser(SourceRef source);

    /** A substring of file names this format's files usually carry, for a small sniff bonus. */
    abstract String fileHint();

    @Override
    public RecordReader open(InputSource input) throws IOException {
        return new LineRecordReader(input, parser(input.ref()), name(), dataset());
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", 12);
        ProxyLineParser parser = parser(SNIFF);
        int tried = 0;
        int ok = 0;
        // the last piece may be a line cut by the head limit
        for (int i = 0; i < lines.length - (lines.length > 1 ? 1 : 0) && tried < 10; i++) {
            String line =
                    lines[i].endsWith("\r")
                            ? lines[i].substring(0, lines[i].length() - 1)
                            : lines[i];
            if (line.isBlank()) {
                continue;
            }
            tried++;
            if (parser.accepts(line)) {
                ok++;
            }
        }
        if (lines.length == 1 && !lines[0].isBlank()) {
            tried = 1;
            ok = parser.accepts(lines[0].strip()) ? 1 : 0;
        }
        int score = tried == 0 ? 0 : 85 * ok / tried;
        String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        if (score > 0 && name.contains(fileHint())) {
            score += 10;
        }
        return Math.min(score, 100);
    }
}
