package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.windows.DocumentLayouts;
import dev.runtrail.ingest.windows.evtx.binxml.NameTable;
import dev.runtrail.ingest.windows.evtx.binxml.TemplateBodies;

/**
 * The names, template bodies, plans and document layouts a reader learns, kept for the next readers
 * of the same thread. Files of one source use the same few dozen templates, and a chunk-aligned
 * split starts as cold as a new file: with these kept, a reader does not parse and compile them all
 * again (on a 2 MB Security log, a twentieth of the time). Every entry is checked against the bytes
 * it is used for, so readers of different files, even interleaved on one thread, decode exactly as
 * with caches of their own; each cache is bounded.
 *
 * <p>One per thread, as plans remember the last values they decoded and are not safe to share.
 */
final class ThreadCaches {
    private static final ThreadLocal<ThreadCaches> CACHES =
            ThreadLocal.withInitial(ThreadCaches::new);

    final NameTable names = new NameTable();
    final TemplateBodies bodies = new TemplateBodies();
    final PlanCache plans = new PlanCache();
    final DocumentLayouts layouts = new DocumentLayouts();

    private ThreadCaches() {}

    /** The caches of the calling thread. */
    static ThreadCaches current() {
        return CACHES.get();
    }
}
