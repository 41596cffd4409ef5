package dev.runtrail.correlate.link;

import static dev.runtrail.correlate.TestEvents.at;

import dev.runtrail.correlate.TestEvents;
import dev.runtrail.correlate.Times;

/** Builders of attempt windows and linker sessions for link tests. */
final class Windows {
    private Windows() {}

    static long ms(long seconds) {
        return at(seconds).toEpochMilli();
    }

    static AttemptWindow target(
            TestEvents.Attempt a,
            String host,
            String account,
            String workerIp,
            long startS,
            long connectS,
            Long endS) {
        AttemptWindow w = new AttemptWindow();
        w.attemptKey = a.key();
        w.runKey = a.runKey();
        w.dagId = a.dag();
        w.runId = a.run();
        w.taskId = a.task();
        w.mapIndex = a.mapIndex();
        w.tryNumber = a.tryNumber();
        w.host = host;
        w.role = AttemptWindow.TARGET;
        w.account = account;
        w.workerIp = workerIp;
        w.start = ms(startS);
        w.connectTime = ms(connectS);
        w.end = endS == null ? Times.NONE : ms(endS);
        w.lastSeen = endS == null ? ms(connectS) : ms(endS);
        return w;
    }

    static AttemptWindow worker(TestEvents.Attempt a, String host, long startS, Long endS) {
        AttemptWindow w = target(a, host, null, null, startS, startS, endS);
        w.role = AttemptWindow.WORKER;
        w.connectTime = Times.NONE;
        return w;
    }

    static LinkedSession session(String key, String account, String ip, long logonS) {
        LinkedSession s = new LinkedSession();
        s.sessionKey = key;
        s.account = account;
        s.sourceIp = ip;
        s.logonTime = ms(logonS);
        return s;
    }
}
