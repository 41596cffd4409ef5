package dev.runtrail.cli;

import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.model.Kind;
import java.io.PrintStream;
import java.util.Locale;

/** The end-of-run summary a person reads. */
final class Summaries {
    private Summaries() {}

    static void print(PrintStream out, JobSummary s, String target, RecordCounts counts) {
        out.printf(Locale.ROOT, "runtrail: %s%n", target);
        out.printf(
                Locale.ROOT,
                "  records read      %,d (events %,d + dead-lettered %,d)%n",
                s.read(),
                s.events(),
                s.deadLetters());
        s.bySource()
                .forEach(
                        (format, count) ->
                                out.printf(
                                        Locale.ROOT,
                                        "    %-28s %,d read, %,d dead-lettered%n",
                                        format,
                                        count.read(),
                                        count.deadLetters()));
        out.printf(Locale.ROOT, "  events indexed    %,d%n", s.written(Kind.EVENTS));
        out.printf(Locale.ROOT, "  dead letters      %,d%n", s.written(Kind.DEADLETTER));
        if (counts != null) {
            if (counts.wholeIndex()) {
                // Records are upserted by deterministic id, so an index cannot tell this run's
                // records from those of an earlier import of other files: say what is counted.
                out.println("  in the target indices now (earlier imports included):");
            }
            out.printf(
                    Locale.ROOT,
                    "  runs              %,d (%,d manual runs attributed to an authenticated human)%n",
                    counts.runs(),
                    counts.humanRuns());
            out.printf(Locale.ROOT, "  attempts          %,d%n", counts.attempts());
            out.printf(
                    Locale.ROOT,
                    "  sessions          %,d (%,d linked to a task attempt)%n",
                    counts.sessions(),
                    counts.linkedSessions());
            out.printf(Locale.ROOT, "  alerts            %,d%n", counts.alerts());
        }
        out.printf(
                Locale.ROOT,
                "  record revisions  %,d runs, %,d attempts, %,d sessions (upserts)%n",
                s.written(Kind.RUNS),
                s.written(Kind.ATTEMPTS),
                s.written(Kind.SESSIONS));
        out.printf(
                Locale.ROOT,
                "  took              %.1f s (%,.0f records/s)%n",
                s.seconds(),
                s.readPerSecond());
    }
}
