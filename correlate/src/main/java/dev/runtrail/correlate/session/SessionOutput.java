package dev.runtrail.correlate.session;

import dev.runtrail.model.EcsDocument;

/** Where {@link SessionMachine} puts what it produces. */
public interface SessionOutput {
    /** A Windows event, enriched with its session key when it has a session. */
    void event(EcsDocument event);

    /** A snapshot of a session (kind SESSIONS, id = session key). */
    void session(EcsDocument snapshot);
}
