package dev.runtrail.correlate;

import static dev.runtrail.correlate.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.attempt.AttemptMachine;
import dev.runtrail.correlate.attempt.AttemptOutput;
import dev.runtrail.correlate.attempt.AttemptState;
import dev.runtrail.correlate.link.AttemptWindow;
import dev.runtrail.correlate.link.LinkDecider;
import dev.runtrail.correlate.link.LinkedSession;
import dev.runtrail.correlate.session.SessionMachine;
import dev.runtrail.correlate.session.SessionOutput;
import dev.runtrail.correlate.session.SessionState;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

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
                public void session(SessionState snapshot) {}
            };

    static <T> int serializedSize(TypeInformation<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        return out.length();
    }

    /**
     * A WinRM admin session: logon, privileges, three processes. Each event goes through the
     * document serializer first, so that, as behind a network hop, its strings are its own.
     */
    static SessionState typicalSession(SessionMachine machine, String logonId) throws Exception {
        return typicalSession(machine, HOST, "svc_airflow", "10.0.2.11", logonId, 0);
    }

    static SessionState typicalSession(
            SessionMachine machine, String host, String user, String ip, String logonId, long t)
            throws Exception {
        SessionState s = new SessionState();
        List<EcsDocument> events =
                List.of(
                        TestEvents.privileges(host, logonId, at(t), ADMIN_PRIVILEGES),
                        TestEvents.logon(host, logonId, user, "CORP", ip, at(t)),
                        TestEvents.process(
                                host,
                                logonId,
                                at(t + 1),
                                0x1a2c,
                                "C:\\Windows\\System32\\wsmprovhost.exe",
                                "C:\\Windows\\system32\\wsmprovhost.exe -Embedding"),
                        TestEvents.process(
                                host,
                                logonId,
                                at(t + 2),
                                0x1b40,
                                "C:\\Windows\\System32\\cmd.exe",
                                "cmd.exe /c C:\\jobs\\backup.cmd nightly " + logonId),
                        TestEvents.process(
                                host,
                                logonId,
                                at(t + 3),
                                0x1c00,
                                "C:\\Program Files\\Microsoft SQL Server\\sqlcmd.exe",
                                "sqlcmd -S localhost -Q \"BACKUP DATABASE sales TO"
                                        + " DISK='D:\\b\\sales-"
                                        + logonId
                                        + ".bak'\""));
        for (EcsDocument e : events) {
            machine.onEvent(s, roundTrip(Tags.DOCUMENT, e), 0, DISCARD_SESSION);
        }
        machine.onTime(s, at(t + 4).toEpochMilli(), DISCARD_SESSION);
        return s;
    }

    /** The linker's state for a session linked to one attempt, from its own copy of the session. */
    static LinkedSession linkedSession(SessionState s, StringPool pool, long t) throws Exception {
        CorrelationSettings settings = CorrelationSettings.defaults();
        LinkedSession linked = new LinkedSession();
        linked.refresh(
                roundTrip(TypeInformation.of(SessionState.class), s.copyForLink()),
                at(t + 4).toEpochMilli(),
                pool);
        AttemptWindow window = new AttemptWindow();
        window.attemptKey = Keys.attempt("db_backup", RUN, "backup_" + s.logonId, -1, 1);
        window.runKey = Keys.run("db_backup", RUN);
        window.dagId = "db_backup";
        window.runId = RUN;
        window.taskId = "backup_" + s.logonId;
        window.tryNumber = 1;
        window.host = s.host;
        window.role = AttemptWindow.TARGET;
        window.account = Names.account(s.userName, s.userDomain).toString();
        window.worker = "airflow-worker-1";
        window.workerIp = s.sourceIp;
        window.start = at(t - 5).toEpochMilli();
        window.connectTime = at(t - 1).toEpochMilli();
        window = roundTrip(Tags.WINDOW, window);
        // As the linker does with every window it receives.
        window.internWith(pool);
        linked.decided = true;
        linked.apply(new LinkDecider(settings).decide(linked, List.of(window), 0));
        assertThat(linked.method).isEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
        linked.revision = 2;
        return linked;
    }

    /**
     * One open session costs state in two operators: the session builder keeps its {@link
     * SessionState}, the linker its {@link LinkedSession} (its own copy of the session, the facts
     * the match methods read and the decision, here a link to one attempt). Measured as Flink
     * serializes them (checkpoints, savepoints), and as object graphs on the heap, where the
     * HashMapStateBackend keeps them: alone, and on average over many sessions of a few hosts and
     * accounts, whose repeating strings the operators share. Not counted: the state map entry, the
     * key and the timer of each key (some 150-250 B per operator on the heap), and the string pools
     * (bounded, per operator instance).
     */
    @Test
    void anOpenSessionFitsInTwoKilobytes() throws Exception {
        CorrelationSettings settings = CorrelationSettings.defaults();
        TypeInformation<SessionState> type = TypeInformation.of(SessionState.class);
        TypeInformation<LinkedSession> linkedType = TypeInformation.of(LinkedSession.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(linkedType).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(AttemptState.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(AttemptWindow.class)).isInstanceOf(PojoTypeInfo.class);

        SessionState s = typicalSession(new SessionMachine(settings), "0x3e7a1");
        LinkedSession linked = linkedSession(s, new StringPool(16), 0);
        int builderBytes = serializedSize(type, s);
        int linkerBytes = serializedSize(linkedType, linked);
        long builderHeap = GraphLayout.parseInstance(s).totalSize();
        long linkerHeap = GraphLayout.parseInstance(linked).totalSize();

        int n = 600;
        SessionMachine machine = new SessionMachine(settings);
        StringPool linkerPool = new StringPool(4096);
        Object[] builderStates = new Object[n];
        Object[] linkerStates = new Object[n];
        for (int i = 0; i < n; i++) {
            SessionState si =
                    typicalSession(
                            machine,
                            "WIN-DB0" + (i % 3) + ".corp.example.com",
                            "svc_user" + (i % 4),
                            "10.0.2." + (11 + i % 2),
                            "0x" + Integer.toHexString(0x3e7a1 + i),
                            i * 10L);
            builderStates[i] = si;
            linkerStates[i] = linkedSession(si, linkerPool, i * 10L);
        }
        long builderAverage = GraphLayout.parseInstance(builderStates).totalSize() / n;
        long linkerAverage = GraphLayout.parseInstance(linkerStates).totalSize() / n;

        System.out.printf(
                "open session state (3 processes, 9 privileges, linked to one attempt):%n"
                        + "  serialized: builder %d B + linker %d B = %d B%n"
                        + "  on the heap, one session alone: builder %d B + linker %d B = %d B%n"
                        + "  on the heap, average of %d sessions (3 hosts, 4 accounts):"
                        + " builder %d B + linker %d B = %d B%n",
                builderBytes,
                linkerBytes,
                builderBytes + linkerBytes,
                builderHeap,
                linkerHeap,
                builderHeap + linkerHeap,
                n,
                builderAverage,
                linkerAverage,
                builderAverage + linkerAverage);
        assertThat(builderBytes + linkerBytes).isLessThanOrEqualTo(2048);
        assertThat(builderAverage + linkerAverage).isLessThanOrEqualTo(2048);
    }

    static final String RUN = "scheduled__2026-03-02T09:00:00+00:00";

    static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
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
