package dev.runtrail.sinks.elasticsearch;

import java.io.Serializable;

/** How the sink authenticates to Elasticsearch. */
public sealed interface Credentials extends Serializable {

    /** No authentication (the local node runs with security off). */
    record None() implements Credentials {}

    /** An encoded API key sent as {@code Authorization: ApiKey ...}. */
    record ApiKey(Secret key) implements Credentials {}

    /** Basic authentication. */
    record Basic(String username, Secret password) implements Credentials {}
}
