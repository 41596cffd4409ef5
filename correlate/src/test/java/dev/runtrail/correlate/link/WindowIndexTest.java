package dev.runtrail.correlate.link;

import static dev.runtrail.correlate.link.Windows.ms;
import static dev.runtrail.correlate.link.Windows.session;
import static dev.runtrail.correlate.link.Windows.target;
import static dev.runtrail.correlate.link.Windows.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.TestEvents;
import dev.runtrail.correlate.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowIndexTest {
    private final CorrelationSettings settings = CorrelationSettings.defaults();
    private final LinkDecider decider = new LinkDecider(settings);
    private static final String[] ACCOUNTS = {"CORP\\svc_airflow", "CORP\\svc_etl", "alice"};
    private static final String[] IPS = {"10.0.0.5", "10.0.0.6", null};

    /** Written from the rule in LinkDecider's documentation, not from the index. */
    private boolean contains(AttemptWindow w, long time, long skew) {
        if (time == Times.NONE || w.start == Times.NONE) {
            return false;
        }
        long tolerance = settings.skewTolerance();
        boolean afterStart = time >= w.start + skew - tolerance;
        boolean beforeEnd = !w.finished() || time <= w.end + skew + tolerance;
        return afterStart && beforeEnd;
    }

    @Test
    void relevantWindowsAreExactlyThoseHoldingALogonOrProcessTimeInTheirOriginalOrder() {
        Random random = new Random(20261202);
        for (int round = 0; round < 300; round++) {
            List<AttemptWindow> windows = randomWindows(random, 1 + random.nextInt(120));
            long skew = (random.nextInt(241) - 120) * 1000L;
            WindowIndex index = new WindowIndex(windows, settings.skewTolerance());
            for (int i = 0; i < 20; i++) {
                LinkedSession s = randomSession(random, i);
                List<AttemptWindow> expected = new ArrayList<>();
                for (AttemptWindow w : windows) {
                    boolean hit = contains(w, s.logonTime, skew);
                    for (CommandUse use : s.commands) {
                        hit |= contains(w, use.time, skew);
                    }
                    if (hit) {
                        expected.add(w);
                    }
                }
                assertThat(index.relevant(s, skew)).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void aDecisionOverTheIndexedWindowsIsTheDecisionOverAllOfThem() {
        Random random = new Random(7);
        int linked = 0;
        for (int round = 0; round < 300; round++) {
            List<AttemptWindow> windows = randomWindows(random, 1 + random.nextInt(60));
            long skew = (random.nextInt(121) - 60) * 1000L;
            WindowIndex index = new WindowIndex(windows, settings.skewTolerance());
            for (int i = 0; i < 20; i++) {
                LinkedSession s = randomSession(random, i);
                Map<String, String> learned = Map.of("10.0.0.6", "worker-1");
                LinkDecider.Decision all = decider.decide(s, windows, skew, learned);
                LinkDecider.Decision some =
                        decider.decide(s, index.relevant(s, skew), skew, learned);
                assertThat(some).isEqualTo(all);
                linked += all.attemptKey() != null ? 1 : 0;
            }
        }
        // the data must exercise links, not only "nothing matched"
        assertThat(linked).isGreaterThan(500);
    }

    private static List<AttemptWindow> randomWindows(Random random, int count) {
        List<AttemptWindow> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestEvents.Attempt a =
                    new TestEvents.Attempt(
                            "dag" + random.nextInt(3),
                            "run" + random.nextInt(4),
                            "task" + random.nextInt(3),
                            -1,
                            1 + random.nextInt(2));
            long start = random.nextInt(3_600);
            // mostly short attempts, some long ones, some still running
            long length = random.nextInt(10) == 0 ? random.nextInt(3_600) : random.nextInt(300);
            Long end = random.nextInt(8) == 0 ? null : start + length;
            AttemptWindow w =
                    random.nextBoolean()
                            ? target(
                                    a,
                                    "win-sql01",
                                    ACCOUNTS[random.nextInt(ACCOUNTS.length)],
                                    IPS[random.nextInt(IPS.length)],
                                    start,
                                    start + random.nextInt(30),
                                    end)
                            : worker(a, "worker-1", start, end);
            if (random.nextInt(30) == 0) {
                w.start = Times.NONE;
            }
            windows.add(w);
        }
        return windows;
    }

    private static LinkedSession randomSession(Random random, int i) {
        LinkedSession s =
                session(
                        "s" + i,
                        ACCOUNTS[random.nextInt(ACCOUNTS.length)],
                        IPS[random.nextInt(IPS.length)],
                        random.nextInt(3_900) - 100);
        if (random.nextInt(20) == 0) {
            s.logonTime = Times.NONE;
        }
        int processes = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        for (int p = 0; p < processes; p++) {
            s.commands.add(
                    new CommandUse(
                            ms(random.nextInt(3_900)),
                            CommandLines.parse(
                                    "airflow tasks run dag"
                                            + random.nextInt(3)
                                            + " task"
                                            + random.nextInt(3)
                                            + " run"
                                            + random.nextInt(4)
                                            + " --raw")));
        }
        return s;
    }
}
