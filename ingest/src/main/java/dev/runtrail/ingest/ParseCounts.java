package dev.runtrail.ingest;

/**
 * Running counts of one parse: every record read is either an event or a dead letter, so {@code
 * read == events + deadLetters} always holds.
 */
public final class ParseCounts {
    private long events;
    private long deadLetters;
    private long bytes;

    public void event() {
        events++;
    }

    public void deadLetter() {
        deadLetters++;
    }

    public void addBytes(long n) {
        bytes += n;
    }

    public void add(ParseCounts other) {
        events += other.events;
        deadLetters += other.deadLetters;
        bytes += other.bytes;
    }

    public long read() {
        return events + deadLetters;
    }

    public long events() {
        return events;
    }

    public long deadLetters() {
        return deadLetters;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return "read " + read() + ", parsed " + events + ", dead-lettered " + deadLetters;
    }
}
