package dev.runtrail.correlate;

import static dev.runtrail.correlate.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.attempt.AttemptMachine;
import dev.runtrail.correlate.attempt.AttemptOutput;
import dev.runtrail.correlate.attempt.AttemptState;
import dev.runtrail.correlate.link.AttemptWindow;
import dev.runtrail.correlate.link.LinkedSession;
import dev.runtrail.correlate.session.SessionMachine;
import dev.runtrail.correlate.session.SessionOutput;
import dev.runtrail.correlate.session.SessionState;
import dev.runtrail.model.EcsDocument;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * State size of an open session as Flink serializes it, and a rough single-thread rate of the
 * session and attempt state machines. Both figures are printed for the notes.
 */
class StateFootprintTest {
    static final String HOST = "WIN-DB01.corp.example.com";
    static final String ADMIN_PRIVILEGES =
            "SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\t"
                    + "SeTakeOwnershipPrivilege\n\t\t\tSeDebugPrivilege\n\t\t\t"
                    + "SeSystemEnvironmentPrivilege\n\t\t\tSeLoadDriverPrivilege\n\t\t\t"
                    + "SeImpersonatePrivilege\n\t\t\tSeDelegateSessionUserImpersonatePrivilege";

    static final SessionOutput DISCARD_SESSION =
            new SessionOutput() {
                @Override
                public void event(EcsDocument event) {}

                @Override
                public void session(EcsDocument snapshot) {}
            };

    static <T> int serializedSize(TypeInformation<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        return out.length();
    }

    /** A WinRM admin session: logon, privileges, three processes. */
    static SessionState typicalSession(SessionMachine machine, String logonId) {
        SessionState s = new SessionState();
        machine.onEvent(
                s,
                TestEvents.privileges(HOST, logonId, at(0), ADMIN_PRIVILEGES),
                0,
                DISCARD_SESSION);
        machine.onEvent(
                s,
                TestEvents.logon(HOST, logonId, "svc_airflow", "CORP", "10.0.2.11", at(0)),
                0,
                DISCARD_SESSION);
        machine.onEvent(
                s,
                TestEvents.process(
                        HOST,
                        logonId,
                        at(1),
                        0x1a2c,
                        "C:\\Windows\\System32\\wsmprovhost.exe",
                        "C:\\Windows\\system32\\wsmprovhost.exe -Embedding"),
                0,
                DISCARD_SESSION);
        machine.onEvent(
                s,
                TestEvents.process(
                        HOST,
                        logonId,
                        at(2),
                        0x1b40,
                        "C:\\Windows\\System32\\cmd.exe",
                        "cmd.exe /c C:\\jobs\\backup.cmd nightly"),
                0,
                DISCARD_SESSION);
        machine.onEvent(
                s,
                TestEvents.process(
                        HOST,
                        logonId,
                        at(3),
                        0x1c00,
                        "C:\\Program Files\\Microsoft SQL Server\\sqlcmd.exe",
                        "sqlcmd -S localhost -Q \"BACKUP DATABASE sales TO DISK='D:\\b\\sales.bak'\""),
                0,
                DISCARD_SESSION);
        machine.onTime(s, at(4).toEpochMilli(), DISCARD_SESSION);
        return s;
    }

    @Test
    void anOpenSessionFitsInTwoKilobytes() throws Exception {
        CorrelationSettings settings = CorrelationSettings.defaults();
        SessionMachine machine = new SessionMachine(settings);
        SessionState s = typicalSession(machine, "0x3e7a1");
        TypeInformation<SessionState> type = TypeInformation.of(SessionState.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(AttemptState.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(AttemptWindow.class)).isInstanceOf(PojoTypeInfo.class);

        int sessionBytes = serializedSize(type, s);
        LinkedSession linked = new LinkedSession();
        linked.refresh(SessionMachine.snapshot(s), at(4).toEpochMilli());
        int linkerBytes = serializedSize(TypeInformation.of(LinkedSession.class), linked);
        System.out.printf(
                "open session state: builder %d bytes, linker %d bytes (3 processes, 9 privileges)%n",
                sessionBytes, linkerBytes);
        assertThat(sessionBytes).isLessThanOrEqualTo(2048);
    }

    @Test
    void stateMachineRate() {
        CorrelationSettings settings = CorrelationSettings.defaults();
        SessionMachine sessions = new SessionMachine(settings);
        AttemptMachine attempts = new AttemptMachine(settings);
        List<EcsDocument> events = new ArrayList<>();
        int sessionsCount = 2_000;
        for (int i = 0; i < sessionsCount; i++) {
            String id = "0x" + Integer.toHexString(0x10000 + i);
            events.add(TestEvents.privileges(HOST, id, at(i), ADMIN_PRIVILEGES));
            events.add(TestEvents.logon(HOST, id, "svc_airflow", "CORP", "10.0.2.11", at(i)));
            for (int p = 0; p < 6; p++) {
                events.add(
                        TestEvents.process(HOST, id, at(i + 1), p, "C:\\x.exe", "x.exe /c " + p));
            }
            events.add(TestEvents.logoff(HOST, id, at(i + 5)));
        }
        TestEvents.Attempt a =
                new TestEvents.Attempt("etl", "scheduled__2026-03-02T00:00:00+00:00", "t", -1, 1);
        List<EcsDocument> lines = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            lines.add(
                    a.line(i % 50 == 0 ? "remote-connection" : "log", at(i))
                            .put(
                                    dev.runtrail.model.Ecs.DESTINATION_DOMAIN,
                                    "win-db01.corp.example.com"));
        }
        AttemptOutput discard =
                new AttemptOutput() {
                    @Override
                    public void event(EcsDocument event) {}

                    @Override
                    public void attempt(EcsDocument snapshot) {}

                    @Override
                    public void window(AttemptWindow window) {}
                };
        double sessionRate = 0;
        double attemptRate = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            SessionState s = null;
            String current = null;
            for (EcsDocument e : events) {
                String id = e.getString(dev.runtrail.model.Ecs.WINLOG_LOGON_ID);
                if (!id.equals(current)) {
                    if (s != null) {
                        sessions.onTime(s, Long.MAX_VALUE - 1, DISCARD_SESSION);
                    }
                    s = new SessionState();
                    current = id;
                }
                sessions.onEvent(s, e, 0, DISCARD_SESSION);
            }
            long t1 = System.nanoTime();
            AttemptState st = new AttemptState();
            for (EcsDocument e : lines) {
                attempts.onEvent(st, e, 0, discard);
            }
            attempts.onTime(st, Long.MAX_VALUE - 1, discard);
            long t2 = System.nanoTime();
            sessionRate = events.size() / ((t1 - t0) / 1e9);
            attemptRate = lines.size() / ((t2 - t1) / 1e9);
        }
        System.out.printf(
                "state machines, one thread: sessions %.0f events/s, attempts %.0f lines/s%n",
                sessionRate, attemptRate);
        assertThat(sessionRate).isPositive();
    }
}
