package dev.runtrail.ingest.windows.xml;

/** Why an event element is not a usable event; the message is the dead letter's reason. */
final class BadEventException extends Exception {
    BadEventException(String message) {
        super(message, null, false, false);
    }
}
