package dev.runtrail.ingest.windows.evtx.binxml;

/**
 * Malformed binary XML or EVTX structure. Carries a sentence saying what was expected and what was
 * found; the reader turns it into a dead letter and goes on with the next record.
 */
public final class BinXmlException extends Exception {
    public BinXmlException(String reason) {
        super(reason, null, false, false);
    }
}
