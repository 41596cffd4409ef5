package dev.runtrail.correlate.session;

import dev.runtrail.model.EcsDocument;

/** Where {@link SessionMachine} puts what it produces. */
public interface SessionOutput {
    /** A Windows event, enriched with its session key when it has a session. */
    void event(EcsDocument event);

    /**
     * The state of a session after a change, as a copy the receiver may keep; {@link
     * SessionMachine#snapshot} renders it as the session document.
     */
    void session(SessionState snapshot);
}
