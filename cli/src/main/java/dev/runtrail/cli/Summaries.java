package dev.runtrail.cli;

import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.model.Kind;
import java.io.PrintStream;
import java.util.Locale;

/** The end-of-run summary a person reads. */
final class Summaries {
    private Summaries() {}

    static void print(PrintStream out, JobSummary s, String target) {
        double seconds = Math.max(1e-3, s.millis() / 1000.0);
        out.printf(Locale.ROOT, "runtrail: %s%n", target);
        out.printf(
                Locale.ROOT,
                "  records read      %,d (events %,d + dead-lettered %,d)%n",
                s.read(),
                s.events(),
                s.deadLetters());
        out.printf(Locale.ROOT, "  events indexed    %,d%n", s.written(Kind.EVENTS));
        out.printf(Locale.ROOT, "  dead letters      %,d%n", s.written(Kind.DEADLETTER));
        out.printf(Locale.ROOT, "  runs              %,d%n", s.written(Kind.RUNS));
        out.printf(Locale.ROOT, "  attempts          %,d%n", s.written(Kind.ATTEMPTS));
        out.printf(Locale.ROOT, "  sessions          %,d%n", s.written(Kind.SESSIONS));
        out.printf(Locale.ROOT, "  alerts            %,d%n", s.written(Kind.ALERTS));
        out.printf(
                Locale.ROOT,
                "  took              %.1f s (%,.0f records/s)%n",
                seconds,
                s.read() / seconds);
    }
}
