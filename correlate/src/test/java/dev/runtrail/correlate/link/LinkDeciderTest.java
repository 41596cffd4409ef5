package dev.runtrail.correlate.link;

import static dev.runtrail.correlate.link.Windows.ms;
import static dev.runtrail.correlate.link.Windows.session;
import static dev.runtrail.correlate.link.Windows.target;
import static dev.runtrail.correlate.link.Windows.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.TestEvents;
import dev.runtrail.correlate.session.ProcessInfo;
import dev.runtrail.correlate.session.SessionState;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkDeciderTest {
    static final TestEvents.Attempt A =
            new TestEvents.Attempt(
                    "sql_export", "manual__2026-03-02T10:00:00+00:00", "extract", -1, 1);
    static final TestEvents.Attempt B =
            new TestEvents.Attempt(
                    "sql_export", "manual__2026-03-02T10:00:00+00:00", "load", -1, 1);
    static final String SVC = "svc_airflow@corp";

    final CorrelationSettings settings = CorrelationSettings.defaults();
    final LinkDecider decider = new LinkDecider(settings);

    @Test
    void targetHostAccountAndWorkerAddressLink() {
        LinkedSession s = session("s1", SVC, "10.0.0.5", 12);
        LinkDecider.Decision d =
                decider.decide(s, List.of(target(A, "win-sql01", SVC, "10.0.0.5", 0, 10, 60L)), 0);
        assertThat(d.method()).isEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
        assertThat(d.attemptKey()).isEqualTo(A.key());
        assertThat(d.confidence()).isEqualTo(0.9);
    }

    @Test
    void anInteractiveLogonIsNotLinkedByAccountAndTime() {
        AttemptWindow w = target(A, "win-sql01", SVC, "10.0.0.5", 0, 10, 60L);
        for (String type : List.of("Interactive", "RemoteInteractive", "10", "CachedUnlock")) {
            for (String ip : java.util.Arrays.asList("10.0.0.5", null)) {
                LinkedSession s = session("s1", SVC, ip, 12);
                s.session = new SessionState();
                s.session.logonType = type;
                LinkDecider.Decision d = decider.decide(s, List.of(w), 0);
                assertThat(d.method()).as("%s from %s", type, ip).isNull();
                assertThat(d.attemptKey()).as("%s from %s", type, ip).isNull();
            }
        }
        // the same session logged on over the network is the task's
        for (String type : List.of("Network", "3", "NetworkCleartext")) {
            LinkedSession s = session("s1", SVC, "10.0.0.5", 12);
            s.session = new SessionState();
            s.session.logonType = type;
            assertThat(decider.decide(s, List.of(w), 0).attemptKey()).as(type).isEqualTo(A.key());
        }
    }

    @Test
    void anInteractiveLogonWhoseProcessNamesTheAttemptIsLinked() {
        // someone at the worker's console ran the task by hand: the process says which attempt
        LinkedSession s = session("s1", SVC, null, 12);
        s.session = new SessionState();
        s.session.logonType = "Interactive";
        s.commands.add(
                new CommandUse(
                        ms(13),
                        CommandLines.parse(
                                "airflow tasks run sql_export load " + B.run() + " --raw")));
        LinkDecider.Decision d = decider.decide(s, List.of(worker(B, "win-sql01", 5, 70L)), 0);
        assertThat(d.method()).isEqualTo(LinkDecider.COMMAND_LINE);
        assertThat(d.attemptKey()).isEqualTo(B.key());
    }

    @Test
    void withoutAnAddressOnOneSideOnlyHostAccountAndTimeRemain() {
        LinkedSession s = session("s1", SVC, null, 12);
        LinkDecider.Decision d =
                decider.decide(s, List.of(target(A, "win-sql01", SVC, "10.0.0.5", 0, 10, 60L)), 0);
        assertThat(d.method()).isEqualTo(LinkDecider.HOST_ACCOUNT_TIME);
        assertThat(d.attemptKey()).isEqualTo(A.key());
    }

    @Test
    void aDifferentKnownAddressRulesTheAttemptOut() {
        LinkedSession s = session("s1", SVC, "10.9.9.9", 12);
        LinkDecider.Decision d =
                decider.decide(s, List.of(target(A, "win-sql01", SVC, "10.0.0.5", 0, 10, 60L)), 0);
        assertThat(d.method()).isNull();
        assertThat(d.attemptKey()).isNull();
    }

    @Test
    void anotherAccountOrATimeOutsideTheWindowDoesNotLink() {
        AttemptWindow w = target(A, "win-sql01", SVC, "10.0.0.5", 0, 10, 60L);
        assertThat(
                        decider.decide(session("s", "alice@corp", "10.0.0.5", 12), List.of(w), 0)
                                .method())
                .isNull();
        long after = 60 + settings.skewTolerance() / 1000 + 1;
        assertThat(decider.decide(session("s", SVC, "10.0.0.5", after), List.of(w), 0).method())
                .isNull();
        long justInside = 60 + settings.skewTolerance() / 1000 - 1;
        assertThat(
                        decider.decide(session("s", SVC, "10.0.0.5", justInside), List.of(w), 0)
                                .attemptKey())
                .isEqualTo(A.key());
    }

    @Test
    void aLearnedSkewShiftsTheWindow() {
        AttemptWindow w = target(A, "win-sql01", SVC, "10.0.0.5", 0, 10, 60L);
        long late = 60 + settings.skewTolerance() / 1000 + 30;
        assertThat(decider.decide(session("s", SVC, "10.0.0.5", late), List.of(w), 0).method())
                .isNull();
        assertThat(
                        decider.decide(session("s", SVC, "10.0.0.5", late), List.of(w), 60_000)
                                .attemptKey())
                .isEqualTo(A.key());
    }

    @Test
    void aCommandLineNamingTheAttemptWins() {
        LinkedSession s = session("s1", SVC, "10.0.0.5", 12);
        s.commands.add(
                new CommandUse(
                        ms(13),
                        CommandLines.parse(
                                "airflow tasks run sql_export load " + B.run() + " --raw")));
        LinkDecider.Decision d =
                decider.decide(
                        s,
                        List.of(
                                target(A, "win-sql01", SVC, "10.0.0.5", 0, 10, 60L),
                                worker(B, "win-sql01", 5, 70L)),
                        0);
        assertThat(d.method()).isEqualTo(LinkDecider.COMMAND_LINE);
        assertThat(d.attemptKey()).isEqualTo(B.key());
        assertThat(d.confidence()).isEqualTo(0.99);
    }

    @Test
    void concurrentAttemptsAreSeparatedByTheirConnectTimes() {
        LinkedSession s = session("s1", SVC, "10.0.0.5", 31);
        LinkDecider.Decision d =
                decider.decide(
                        s,
                        List.of(
                                target(A, "win-sql01", SVC, "10.0.0.5", 0, 10, 60L),
                                target(B, "win-sql01", SVC, "10.0.0.5", 20, 30, 50L)),
                        0);
        assertThat(d.method()).isEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
        assertThat(d.attemptKey()).isEqualTo(B.key());
        assertThat(d.candidates()).containsExactlyInAnyOrder(A.key(), B.key());
        assertThat(d.confidence()).isLessThan(0.9);
    }

    @Test
    void withoutAddressesEqualConnectTimesAreAmbiguous() {
        LinkedSession s = session("s1", SVC, "10.0.0.6", 31);
        AttemptWindow a = target(A, "win-sql01", SVC, null, 0, 30, 60L);
        AttemptWindow b = target(B, "win-sql01", SVC, null, 0, 30, 60L);
        assertThat(decider.decide(s, List.of(a, b), 0).method()).isEqualTo(LinkDecider.AMBIGUOUS);
    }

    @Test
    void concurrentAttemptsThatFitEquallyWellAreAmbiguous() {
        LinkedSession s = session("s1", SVC, "10.0.0.5", 31);
        LinkDecider.Decision d =
                decider.decide(
                        s,
                        List.of(
                                target(A, "win-sql01", SVC, "10.0.0.5", 0, 30, 60L),
                                target(B, "win-sql01", SVC, "10.0.0.5", 1, 31, 61L)),
                        0);
        assertThat(d.method()).isEqualTo(LinkDecider.AMBIGUOUS);
        assertThat(d.attemptKey()).isNull();
        assertThat(d.candidates()).containsExactlyInAnyOrder(A.key(), B.key());
        assertThat(d.confidence()).isEqualTo(0.0);
    }

    @Test
    void theRemoteCommandSeparatesAttemptsThatConnectedTogether() {
        LinkedSession s = session("s1", SVC, "10.0.0.5", 31);
        s.session = new SessionState();
        s.session.processes.add(
                new ProcessInfo(ms(32), 0x10, -1, "cmd.exe", "cmd.exe /c C:\\deploy\\push.cmd 1"));
        AttemptWindow a = target(A, "win-sql01", SVC, "10.0.0.5", 0, 30, 60L);
        a.commands = List.of("cmd.exe /c c:\\deploy\\push.cmd 0");
        AttemptWindow b = target(B, "win-sql01", SVC, "10.0.0.5", 0, 30, 60L);
        b.commands = List.of("cmd.exe /c c:\\deploy\\push.cmd 1");
        LinkDecider.Decision d = decider.decide(s, List.of(a, b), 0);
        assertThat(d.attemptKey()).isEqualTo(B.key());
        assertThat(d.method()).isEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
    }

    @Test
    void aWorkerSessionRunningSeveralTasksLinksToEach() {
        LinkedSession s = session("s1", SVC, null, 0);
        s.commands.add(
                new CommandUse(
                        ms(10),
                        CommandLines.parse("airflow tasks run sql_export extract " + A.run())));
        s.commands.add(
                new CommandUse(
                        ms(100),
                        CommandLines.parse("airflow tasks run sql_export load " + B.run())));
        LinkDecider.Decision d =
                decider.decide(
                        s,
                        List.of(worker(A, "win-wrk01", 5, 50L), worker(B, "win-wrk01", 95, 150L)),
                        0);
        assertThat(d.method()).isEqualTo(LinkDecider.COMMAND_LINE);
        assertThat(d.linked()).extracting(w -> w.attemptKey).containsExactly(A.key(), B.key());
    }

    @Test
    void aRetryStartedWithinTheToleranceOfTheFirstTryGetsTheProcessNearestItsWindow() {
        // Try 1 ran 0..60 s, try 2 100..160 s; the process of try 2 started at 95 s, which is
        // also within the skew tolerance after try 1 ended.
        TestEvents.Attempt retry =
                new TestEvents.Attempt(A.dag(), A.run(), A.task(), A.mapIndex(), 2);
        LinkedSession s = session("s1", SVC, null, 0);
        String command = "airflow tasks run sql_export extract " + A.run();
        s.commands.add(new CommandUse(ms(3), CommandLines.parse(command)));
        s.commands.add(new CommandUse(ms(95), CommandLines.parse(command)));
        LinkDecider.Decision d =
                decider.decide(
                        s,
                        List.of(
                                worker(A, "win-wrk01", 5, 60L),
                                worker(retry, "win-wrk01", 100, 160L)),
                        0);
        assertThat(d.method()).isEqualTo(LinkDecider.COMMAND_LINE);
        assertThat(d.linked()).extracting(w -> w.attemptKey).containsExactly(A.key(), retry.key());
    }

    private static AttemptWindow fromWorker(
            TestEvents.Attempt a, String worker, long startS, long connectS, long endS) {
        AttemptWindow w = target(a, "win-sql01", SVC, null, startS, connectS, endS);
        w.worker = worker;
        return w;
    }

    @Test
    void theWorkstationNameOfTheLogonIdentifiesTheWorkerWithoutAnyAddress() {
        // Two concurrent attempts of the same account on the same host, from two workers: the
        // NTLM workstation name says which worker the logon came from.
        LinkedSession s = session("s1", SVC, "10.0.2.12", 12);
        s.workstation = "worker-2";
        LinkDecider.Decision d =
                decider.decide(
                        s,
                        List.of(
                                fromWorker(A, "worker-1", 0, 11, 60),
                                fromWorker(B, "worker-2", 0, 12, 60)),
                        0);
        assertThat(d.method()).isEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
        assertThat(d.attemptKey()).isEqualTo(B.key());
    }

    @Test
    void aWorkstationNameOfAnotherMachineRulesTheAttemptOut() {
        LinkedSession s = session("s1", SVC, null, 12);
        s.workstation = "admin-pc";
        LinkDecider.Decision d =
                decider.decide(s, List.of(fromWorker(A, "worker-1", 0, 11, 60)), 0);
        assertThat(d.attemptKey()).isNull();
    }

    @Test
    void aNetBiosNameIsTheWorkerNameCutToFifteenCharacters() {
        assertThat(LinkDecider.sameMachine("airflow-worker-", "airflow-worker-7d9f")).isTrue();
        assertThat(LinkDecider.sameMachine("airflow-worker", "airflow-worker-7d9f")).isFalse();
    }

    @Test
    void anAddressLearnedForAWorkerServesLogonsWithoutAWorkstationName() {
        LinkedSession s = session("s1", SVC, "10.0.2.12", 12);
        List<AttemptWindow> both =
                List.of(fromWorker(A, "worker-1", 0, 11, 60), fromWorker(B, "worker-2", 0, 12, 60));
        assertThat(decider.decide(s, both, 0).method())
                .isNotEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
        LinkDecider.Decision d =
                decider.decide(s, both, 0, java.util.Map.of("10.0.2.12", "worker-2"));
        assertThat(d.method()).isEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
        assertThat(d.attemptKey()).isEqualTo(B.key());
        // An address seen for several workers (NAT) is no evidence.
        assertThat(decider.decide(s, both, 0, java.util.Map.of("10.0.2.12", "")).method())
                .isNotEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
    }
}
