package dev.runtrail.ingest.airflow;

/** A JSON record that parsed but is not the record a format expects; the message is the reason. */
final class UnmappableRecord extends Exception {
    private static final long serialVersionUID = 1L;

    UnmappableRecord(String reason) {
        super(reason, null, false, false);
    }
}
