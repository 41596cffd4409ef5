package dev.runtrail.correlate.session;

import static dev.runtrail.correlate.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Harnesses;
import dev.runtrail.correlate.Router;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.TestEvents;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SessionOperatorTest {
    static final String HOST = "WIN-SQL01.corp.example.com";
    static final String ID = "0x3e7a1";
    final CorrelationSettings settings = CorrelationSettings.defaults();

    static long ms(long s) {
        return at(s).toEpochMilli();
    }

    KeyedOneInputStreamOperatorTestHarness<String, EcsDocument, EcsDocument> harness()
            throws Exception {
        return Harnesses.oneInput(new SessionOperator(settings), Router::sessionKey);
    }

    static void send(
            KeyedOneInputStreamOperatorTestHarness<String, EcsDocument, EcsDocument> h,
            EcsDocument e)
            throws Exception {
        h.processElement(e, e.timestamp().toEpochMilli());
    }

    /** The session documents the linker would render from the builder's snapshots. */
    static List<EcsDocument> snapshots(
            KeyedOneInputStreamOperatorTestHarness<String, EcsDocument, EcsDocument> h) {
        return Harnesses.side(h, Tags.SESSION_SNAPSHOTS).stream()
                .map(SessionMachine::snapshot)
                .toList();
    }

    static void assertDrained(
            KeyedOneInputStreamOperatorTestHarness<String, EcsDocument, EcsDocument> h) {
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void outOfOrderPrivilegesSurviveACheckpointAndAttach() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            send(h, TestEvents.privileges(HOST, ID, at(0), "SeDebugPrivilege"));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isPositive();
            snapshot = h.snapshot(1, ms(0));
        }
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<String, EcsDocument, EcsDocument>(
                        new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(
                                new SessionOperator(settings)),
                        Router::sessionKey,
                        org.apache.flink.api.common.typeinfo.Types.STRING)) {
            h.setup(Tags.DOCUMENT.createSerializer(h.getExecutionConfig().getSerializerConfig()));
            h.initializeState(snapshot);
            h.open();
            send(h, TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)));
            send(h, TestEvents.logoff(HOST, ID, at(8)));
            h.processWatermark(ms(9));

            String key = Keys.session("win-sql01", ID, ms(0));
            List<EcsDocument> events = h.extractOutputValues();
            assertThat(events).hasSize(3);
            assertThat(events)
                    .allSatisfy(
                            e -> assertThat(e.getString(Ecs.RUNTRAIL_SESSION_KEY)).isEqualTo(key));
            List<EcsDocument> sessions = snapshots(h);
            // Both facts were known before the watermark passed them: one snapshot carries both.
            assertThat(sessions).hasSize(1);
            EcsDocument last = sessions.get(0);
            assertThat(last.get(Fields.SESSION_PRIVILEGES)).isEqualTo(List.of("SeDebugPrivilege"));
            assertThat(last.getInstant(Ecs.EVENT_END)).isEqualTo(at(8));

            h.processWatermark(ms(8) + settings.closedRetention());
            assertDrained(h);
        }
    }

    @Test
    void aLateEventIsEmittedMarkedAndUpdatesItsSession() throws Exception {
        try (var h = harness()) {
            send(h, TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)));
            send(h, TestEvents.logoff(HOST, ID, at(8)));
            h.processWatermark(ms(60));
            int snapshots = snapshots(h).size();

            send(h, TestEvents.process(HOST, ID, at(4), 0x99, "C:\\late.exe", "late.exe"));
            EcsDocument late = h.extractOutputValues().get(2);
            assertThat(late.get(Fields.LATE)).isEqualTo(true);
            assertThat(late.getString(Ecs.RUNTRAIL_SESSION_KEY))
                    .isEqualTo(Keys.session("win-sql01", ID, ms(0)));
            h.processWatermark(ms(61));
            List<EcsDocument> sessions = snapshots(h);
            assertThat(sessions).hasSize(snapshots + 1);
            assertThat(sessions.get(snapshots).get(Fields.SESSION_PROCESS_PID))
                    .isEqualTo(List.of(0x99L));

            h.processWatermark(ms(8) + settings.closedRetention());
            assertDrained(h);
        }
    }

    @Test
    void anEventTooLateForAnyKeptSessionIsStillEmitted() throws Exception {
        try (var h = harness()) {
            h.processWatermark(ms(0) + settings.closedRetention() + 1000);
            send(h, TestEvents.process(HOST, ID, at(0), 1, "a.exe", "a"));
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.extractOutputValues().get(0).get(Fields.LATE)).isEqualTo(true);
            assertDrained(h);
        }
    }

    @Test
    void ttlExpiryClosesAndDrains() throws Exception {
        try (var h = harness()) {
            send(h, TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)));
            send(h, TestEvents.process(HOST, ID, at(10), 1, "a.exe", "a"));
            h.processWatermark(ms(11));
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processWatermark(ms(10) + settings.sessionTtl());
            List<EcsDocument> sessions = snapshots(h);
            EcsDocument last = sessions.get(sessions.size() - 1);
            assertThat(last.getString(Fields.SESSION_CLOSE_REASON)).isEqualTo("ttl");
            assertThat(last.getInstant(Ecs.EVENT_END)).isEqualTo(at(10));
            assertDrained(h);
        }
    }

    @Test
    void manyEventsInOneSecondGiveOneSnapshot() throws Exception {
        try (var h = harness()) {
            send(h, TestEvents.logon(HOST, ID, "svc_airflow", "CORP", "10.0.0.5", at(0)));
            for (int i = 0; i < 10; i++) {
                send(h, TestEvents.process(HOST, ID, at(0).plusMillis(i * 10), i, "p.exe", "p"));
            }
            h.processWatermark(ms(1));
            assertThat(snapshots(h)).hasSize(1);
            send(h, TestEvents.logoff(HOST, ID, at(2)));
            h.processWatermark(ms(2) + settings.closedRetention());
            assertDrained(h);
        }
    }
}
