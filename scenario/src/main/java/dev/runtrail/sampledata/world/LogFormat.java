package dev.runtrail.sampledata.world;

/** How a host's Security log reaches runtrail. */
public enum LogFormat {
    /** {@code wevtutil qe Security /f:xml /e:Events}. */
    WEVTUTIL_XML,
    /** Winlogbeat 8 file output, one JSON document per line. */
    WINLOGBEAT_NDJSON
}
