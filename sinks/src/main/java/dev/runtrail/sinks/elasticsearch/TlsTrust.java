package dev.runtrail.sinks.elasticsearch;

import java.io.Serializable;

/** Which certificate authority the sink trusts for https hosts. */
public sealed interface TlsTrust extends Serializable {

    /** The JVM's default trust store. */
    record SystemDefault() implements TlsTrust {}

    /** A PEM CA certificate file. */
    record CaFile(String path) implements TlsTrust {}

    /** The SHA-256 fingerprint of the CA certificate. */
    record CaFingerprint(String sha256Hex) implements TlsTrust {}
}
