package dev.runtrail.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of input formats and the format detector. Formats register themselves through {@link
 * ServiceLoader} ({@code META-INF/services/dev.runtrail.ingest.Format}), so a new format is one
 * class and one line.
 */
public final class Formats {
    private static final Logger LOG = LoggerFactory.getLogger(Formats.class);

    /** How many leading bytes a format may look at to recognise its input. */
    public static final int SNIFF_BYTES = 8192;

    private static final List<Format> ALL = load();

    /**
     * By name: a record from Kafka names its format in a header, and looking it up is part of every
     * record's parse.
     */
    private static final Map<String, Format> BY_NAME = byName(ALL);

    private Formats() {}

    private static List<Format> load() {
        List<Format> formats = new ArrayList<>();
        ServiceLoader.load(Format.class, Formats.class.getClassLoader()).forEach(formats::add);
        return Collections.unmodifiableList(formats);
    }

    private static Map<String, Format> byName(List<Format> formats) {
        Map<String, Format> byName = new HashMap<>();
        for (Format f : formats) {
            byName.putIfAbsent(f.name(), f);
        }
        return Map.copyOf(byName);
    }

    /** Every registered format. */
    public static List<Format> all() {
        return ALL;
    }

    /** The format with this name. */
    public static Optional<Format> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name));
    }

    /** Names of all formats, for help texts and error messages. */
    public static List<String> names() {
        return ALL.stream().map(Format::name).sorted().toList();
    }

    /** The most confident format for this input, if any format claims it. */
    public static Optional<Format> detect(InputSource input) throws IOException {
        return detect(input.path(), input.head());
    }

    /**
     * The most confident format for a file name and its first bytes; of equally confident formats,
     * the first registered.
     */
    public static Optional<Format> detect(String fileName, byte[] head) {
        return detect(fileName, head, ALL);
    }

    /** {@link #detect(String, byte[])} among these formats. */
    static Optional<Format> detect(String fileName, byte[] head, List<Format> formats) {
        Head shared = new Head(fileName, head);
        Format best = null;
        int bestScore = 0;
        for (Format format : formats) {
            if (format.maxSniff(shared) <= bestScore) {
                continue; // a tie would keep the earlier format, so it cannot win
            }
            int score;
            try {
                score = format.sniff(shared);
            } catch (RuntimeException e) {
                // A sniffer that trips over odd bytes must not stop the others (nor the read):
                // it claims nothing, as the parsers dead-letter a record they trip over.
                LOG.warn(
                        "{}: format {} failed while looking at the first bytes, taken as not"
                                + " this format",
                        fileName,
                        format.name(),
                        e);
                continue;
            }
            if (score > bestScore) {
                best = format;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}
