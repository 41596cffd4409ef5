package dev.runtrail.correlate.run;

import dev.runtrail.model.EcsDocument;

/** Where {@link RunMachine} puts what it produces. */
public interface RunOutput {
    /** A dagrun, audit or proxy event, passed on (with the run key where known). */
    void event(EcsDocument event);

    /** A run record (kind RUNS, id = run key, with a revision). */
    void run(EcsDocument run);
}
