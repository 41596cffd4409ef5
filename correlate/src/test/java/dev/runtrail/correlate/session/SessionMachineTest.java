package dev.runtrail.correlate.session;

import static dev.runtrail.correlate.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.TestEvents;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionMachineTest {
    static final String HOST = "WIN-SQL01.corp.example.com";
    static final String ID = "0x3E7A1";

    final CorrelationSettings settings = CorrelationSettings.defaults();
    final SessionMachine machine = new SessionMachine(settings);
    final SessionState state = new SessionState();
    final Recorder out = new Recorder();

    static final class Recorder implements SessionOutput {
        final List<EcsDocument> events = new ArrayList<>();
        final List<EcsDocument> sessions = new ArrayList<>();

        @Override
        public void event(EcsDocument event) {
            events.add(event);
        }

        @Override
        public void session(SessionState snapshot) {
            sessions.add(SessionMachine.snapshot(snapshot));
        }
    }

    void feed(EcsDocument e, long watermark) {
        machine.onEvent(state, e, watermark, out);
    }

    void advance(long watermark) {
        machine.onTime(state, watermark, out);
    }

    static long ms(long seconds) {
        return at(seconds).toEpochMilli();
    }

    String expectedKey() {
        return Keys.session("win-sql01", "0x3e7a1", ms(0));
    }

    @Test
    void privilegesLoggedBeforeTheLogonAttachToIt() {
        feed(
                TestEvents.privileges(HOST, ID, at(0), "SeBackupPrivilege\n\t\t\tSeDebugPrivilege"),
                0);
        assertThat(out.events).isEmpty();
        assertThat(state.pending).hasSize(1);

        feed(TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)), 0);
        assertThat(out.events).hasSize(2);
        assertThat(out.events)
                .allSatisfy(
                        e ->
                                assertThat(e.getString(Ecs.RUNTRAIL_SESSION_KEY))
                                        .isEqualTo(expectedKey()));
        assertThat(state.privileges).containsExactly("SeBackupPrivilege", "SeDebugPrivilege");

        advance(ms(1));
        assertThat(out.sessions).hasSize(1);
        EcsDocument s = out.sessions.get(0);
        assertThat(s.id()).isEqualTo(expectedKey());
        assertThat(s.getString(Ecs.HOST_NAME)).isEqualTo(HOST);
        assertThat(s.getString(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x3e7a1");
        assertThat(s.getString(Ecs.USER_NAME)).isEqualTo("svc_airflow");
        assertThat(s.getString(Ecs.USER_DOMAIN)).isEqualTo("CORP");
        assertThat(s.getString(Ecs.WINLOG_LOGON_TYPE)).isEqualTo("Network");
        assertThat(s.timestamp()).isEqualTo(at(0));
        assertThat(s.get(Fields.SESSION_PRIVILEGES))
                .isEqualTo(List.of("SeBackupPrivilege", "SeDebugPrivilege"));
        assertThat(s.has(Ecs.EVENT_END)).isFalse();
    }

    @Test
    void logoffClosesAndStateIsForgottenAfterRetention() {
        feed(TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)), 0);
        feed(
                TestEvents.process(HOST, ID, at(2), 0x1a4, "C:\\Windows\\cmd.exe", "cmd /c whoami"),
                0);
        feed(TestEvents.logoff(HOST, ID, at(5)), 0);
        advance(ms(6));
        EcsDocument last = out.sessions.get(out.sessions.size() - 1);
        assertThat(last.getInstant(Ecs.EVENT_END)).isEqualTo(at(5));
        assertThat(last.getString(Fields.SESSION_CLOSE_REASON)).isEqualTo("logoff");
        assertThat(last.get(Fields.SESSION_PROCESS_PID)).isEqualTo(List.of(0x1a4L));
        assertThat(last.get(Fields.SESSION_PROCESS_COMMAND_LINE))
                .isEqualTo(List.of("cmd /c whoami"));
        assertThat(state.isEmpty()).isFalse();

        long retentionEnd = ms(5) + settings.closedRetention();
        assertThat(machine.nextDeadline(state)).isEqualTo(retentionEnd);
        advance(retentionEnd);
        assertThat(state.isEmpty()).isTrue();
        assertThat(machine.nextDeadline(state)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void lateEventWithinRetentionUpdatesTheClosedSession() {
        feed(TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)), 0);
        feed(TestEvents.logoff(HOST, ID, at(5)), 0);
        advance(ms(60));
        int before = out.sessions.size();
        feed(TestEvents.process(HOST, ID, at(3), 77, "C:\\x.exe", "x"), ms(60));
        advance(ms(61));
        assertThat(out.sessions).hasSize(before + 1);
        EcsDocument last = out.sessions.get(before);
        assertThat(last.get(Fields.SESSION_PROCESS_PID)).isEqualTo(List.of(77L));
        assertThat(last.getLong(Fields.SESSION_SEQUENCE)).isEqualTo(2L);
    }

    @Test
    void ttlClosesASessionThatNeverLogsOff() {
        feed(TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)), 0);
        feed(TestEvents.process(HOST, ID, at(30), 5, "a.exe", "a"), 0);
        advance(ms(31));
        long ttlAt = ms(30) + settings.sessionTtl();
        assertThat(machine.nextDeadline(state)).isEqualTo(ttlAt);
        advance(ttlAt);
        EcsDocument last = out.sessions.get(out.sessions.size() - 1);
        assertThat(last.getString(Fields.SESSION_CLOSE_REASON)).isEqualTo("ttl");
        assertThat(last.getInstant(Ecs.EVENT_END)).isEqualTo(at(30));
        assertThat(state.isEmpty()).isTrue();
    }

    @Test
    void aReusedLogonIdStartsANewSessionInstance() {
        feed(TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)), 0);
        feed(TestEvents.logon(HOST, ID, "alice", "CORP", "10.0.0.9", at(3600)), 0);
        assertThat(out.sessions).hasSize(1);
        assertThat(out.sessions.get(0).getString(Fields.SESSION_CLOSE_REASON))
                .isEqualTo("superseded");
        assertThat(out.sessions.get(0).id()).isEqualTo(expectedKey());
        advance(ms(3601));
        EcsDocument second = out.sessions.get(1);
        assertThat(second.id()).isEqualTo(Keys.session("win-sql01", "0x3e7a1", ms(3600)));
        assertThat(second.getString(Ecs.USER_NAME)).isEqualTo("alice");
    }

    @Test
    void eventsWhoseLogonNeverComesAreEmittedWithoutSession() {
        feed(TestEvents.process(HOST, ID, at(0), 5, "a.exe", "a"), 0);
        assertThat(out.events).isEmpty();
        advance(ms(0) + settings.pendingWait());
        assertThat(out.events).hasSize(1);
        assertThat(out.events.get(0).has(Ecs.RUNTRAIL_SESSION_KEY)).isFalse();
        assertThat(state.isEmpty()).isTrue();
    }

    @Test
    void serviceLogonsOfSystemDoNotStartNewSessions() {
        feed(TestEvents.process(HOST, "0x3e7", at(0), 5, "a.exe", "a"), 0);
        feed(TestEvents.logon(HOST, "0x3e7", "SYSTEM", "NT AUTHORITY", null, at(2)), 0);
        feed(TestEvents.logon(HOST, "0x3e7", "SYSTEM", "NT AUTHORITY", null, at(60)), 0);
        feed(TestEvents.process(HOST, "0x3e7", at(61), 6, "b.exe", "b"), 0);
        assertThat(out.sessions).isEmpty();
        assertThat(out.events).hasSize(4);
        String key = Keys.session("win-sql01", "0x3e7", ms(2));
        assertThat(out.events)
                .allSatisfy(e -> assertThat(e.getString(Ecs.RUNTRAIL_SESSION_KEY)).isEqualTo(key));
        assertThat(state.processes).hasSize(2);
    }

    @Test
    void processListIsBoundedAndCountsTheRest() {
        feed(TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)), 0);
        for (int i = 0; i < settings.maxProcesses() + 5; i++) {
            feed(TestEvents.process(HOST, ID, at(1), i, "p.exe", "p " + i), 0);
        }
        assertThat(state.processes).hasSize(settings.maxProcesses());
        assertThat(state.processesDropped).isEqualTo(5);
        assertThat(out.events).hasSize(settings.maxProcesses() + 6);
    }

    @Test
    void theRecordIsTheSameWhateverOrderEventsOfEqualTimeArriveIn() {
        EcsDocument logon = TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0));
        List<EcsDocument> rest =
                List.of(
                        TestEvents.privileges(HOST, ID, at(1), "SeDebugPrivilege"),
                        TestEvents.privileges(HOST, ID, at(1), "SeBackupPrivilege"),
                        TestEvents.process(HOST, ID, at(2), 7, "b.exe", "b"),
                        TestEvents.process(HOST, ID, at(2), 5, "a.exe", "a"),
                        accountEvent(4738, "bob", at(3)),
                        accountEvent(4722, "alice", at(3)),
                        explicitLogon("carol", "db01", at(3)),
                        explicitLogon("bob", "fs01", at(3)));
        List<EcsDocument> reversed = new ArrayList<>(rest);
        java.util.Collections.reverse(reversed);

        EcsDocument inOrder = sessionAfter(logon, rest);
        EcsDocument inReverse = sessionAfter(logon, reversed);

        assertThat(inReverse).isEqualTo(inOrder);
        assertThat(inOrder.get(Fields.SESSION_PRIVILEGES))
                .isEqualTo(List.of("SeBackupPrivilege", "SeDebugPrivilege"));
        assertThat(inOrder.get(Fields.SESSION_PROCESS_PID)).isEqualTo(List.of(5L, 7L));
        assertThat(inOrder.get(Fields.SESSION_CHANGES))
                .isEqualTo(List.of("4722 user=alice", "4738 user=bob"));
        assertThat(inOrder.get(Fields.SESSION_EXPLICIT_CREDENTIALS))
                .isEqualTo(List.of("bob@corp -> fs01", "carol@corp -> db01"));
    }

    private EcsDocument sessionAfter(EcsDocument logon, List<EcsDocument> events) {
        SessionMachine m = new SessionMachine(settings);
        SessionState s = new SessionState();
        Recorder r = new Recorder();
        m.onEvent(s, logon.copy(), 0, r);
        for (EcsDocument e : events) {
            m.onEvent(s, e.copy(), 0, r);
        }
        return SessionMachine.snapshot(s);
    }

    private static EcsDocument accountEvent(int code, String user, java.time.Instant at) {
        EcsDocument e = TestEvents.logoff(HOST, ID, at);
        e.put(Ecs.EVENT_CODE, Integer.toString(code));
        e.put(Ecs.WINLOG_EVENT_ID, (long) code);
        e.put(Ecs.EVENT_ACTION, "modified-user-account");
        e.put("winlog.event_data.TargetUserName", user);
        return e;
    }

    private static EcsDocument explicitLogon(String user, String server, java.time.Instant at) {
        EcsDocument e = accountEvent(4648, user, at);
        e.put(Ecs.EVENT_ACTION, "logged-in-explicit");
        e.put(Ecs.USER_EFFECTIVE_NAME, user);
        e.put(Ecs.USER_EFFECTIVE_DOMAIN, "CORP");
        e.put("winlog.event_data.TargetServerName", server);
        return e;
    }

    @Test
    void aFullProcessListMakesRoomForTaskRunsButNotForTheirRedundantChildren() {
        feed(TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)), 0);
        int max = settings.maxProcesses();
        feed(TestEvents.process(HOST, ID, at(1), 1000, "worker.exe", "celery worker"), 0);
        for (int i = 1; i < max; i++) {
            feed(taskRun(at(2), 2000 + i, 4, "extract", "scheduled__" + i, "--local"), 0);
        }
        // A new attempt's process pushes out the one process that runs no task.
        feed(taskRun(at(3), 3000, 4, "extract", "manual__new", "--local"), 0);
        // Its --raw child names the same attempt and adds nothing: dropped.
        feed(taskRun(at(3), 3001, 3000, "extract", "manual__new", "--raw"), 0);
        // Every process now runs a distinct attempt: another one is counted, not kept.
        feed(taskRun(at(4), 4000, 4, "extract", "manual__later", "--local"), 0);
        assertThat(state.processes).hasSize(max);
        assertThat(state.processes).extracting(p -> p.pid).doesNotContain(1000L, 3001L, 4000L);
        assertThat(state.processes).extracting(p -> p.pid).contains(3000L);
        assertThat(state.processesDropped).isEqualTo(3);
    }

    private static EcsDocument taskRun(
            java.time.Instant at, long pid, long parent, String task, String run, String flag) {
        EcsDocument e =
                TestEvents.process(
                        HOST,
                        ID,
                        at,
                        pid,
                        "airflow.exe",
                        "airflow.exe tasks run etl " + task + " " + run + " " + flag);
        e.put(Ecs.PROCESS_PARENT_PID, parent);
        return e;
    }

    @Test
    void splitTokenLogonRecordsTheLinkedId() {
        EcsDocument logon = TestEvents.logon(HOST, ID, "alice", "CORP", "10.0.0.9", at(0));
        logon.put("winlog.event_data.TargetLinkedLogonId", "0x0003E7B2");
        feed(logon, 0);
        advance(ms(1));
        assertThat(out.sessions.get(0).getString(Fields.SESSION_LINKED_LOGON_ID))
                .isEqualTo("0x3e7b2");
    }
}
