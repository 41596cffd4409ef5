package dev.runtrail.sinks.elasticsearch;

import java.io.Serializable;

/** A credential value that never shows up in logs: {@link #toString()} hides it. */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    /** The secret itself; call only where it is handed to the HTTP client. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "******";
    }
}
