package dev.runtrail.ingest.proxy;

import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.text.LineParser;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;

/**
 * Base of the proxy line parsers: a parser turns one line into an event or returns a reason, and
 * this class turns the reason into a dead letter with the source, offset and line number.
 */
abstract class ProxyLineParser implements LineParser {
    private final SourceRef source;
    private final String format;

    ProxyLineParser(SourceRef source, String format) {
        this.source = source;
        this.format = format;
    }

    /** One record per line: no look at the next line, and the parse keeps no line bytes. */
    @Override
    public final boolean oneLinePerRecord() {
        return true;
    }

    @Override
    public final Parsed parse(String text, Line record) {
        EcsDocument doc = EcsDocument.event(null);
        String problem = fill(doc, text);
        if (problem != null) {
            return DeadLetter.of(
                    source,
                    record.offset(),
                    record.number(),
                    format,
                    "Line " + record.number() + ": " + problem,
                    record.bytes());
        }
        return doc;
    }

    /**
     * Fills the event from one line.
     *
     * @return null when the line was parsed, else a sentence saying what was expected and found
     */
    abstract String fill(EcsDocument doc, String line);

    /** Fills an event from one line; returns null when parsed, else what was expected and found. */
    @FunctionalInterface
    interface Filler {
        String fill(EcsDocument doc, String line);
    }

    /** A parser that fills each event with {@code filler}. */
    static ProxyLineParser of(SourceRef source, String format, Filler filler) {
        return new ProxyLineParser(source, format) {
            @Override
            String fill(EcsDocument doc, String line) {
                return filler.fill(doc, line);
            }
        };
    }

    /** Whether a line parses, for format sniffing. */
    final boolean accepts(String line) {
        return fill(EcsDocument.event(null), line) == null;
    }

    /** The first characters of a line for a reason text. */
    static String excerpt(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
