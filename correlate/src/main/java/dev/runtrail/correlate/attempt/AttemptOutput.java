package dev.runtrail.correlate.attempt;

import dev.runtrail.correlate.link.AttemptWindow;
import dev.runtrail.model.EcsDocument;

/** Where {@link AttemptMachine} puts what it produces. */
public interface AttemptOutput {
    /** An Airflow task-log event, passed on. */
    void event(EcsDocument event);

    /** A snapshot of the attempt (kind ATTEMPTS, id = attempt key). */
    void attempt(EcsDocument snapshot);

    /** The attempt's window on one host, for the linker. */
    void window(AttemptWindow window);
}
