package dev.runtrail.correlate.link;

import static dev.runtrail.correlate.link.Windows.ms;
import static dev.runtrail.correlate.link.Windows.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Harnesses;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.TestEvents;
import dev.runtrail.correlate.session.SessionMachine;
import dev.runtrail.correlate.session.SessionState;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.List;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SessionLinkerTest {
    static final TestEvents.Attempt A =
            new TestEvents.Attempt(
                    "sql_export", "manual__2026-03-02T10:00:00+00:00", "extract", -1, 1);
    static final TestEvents.Attempt B =
            new TestEvents.Attempt(
                    "sql_export", "manual__2026-03-02T10:00:00+00:00", "load", -1, 1);
    static final String SVC = "svc_airflow@corp";

    final CorrelationSettings settings = CorrelationSettings.defaults();

    static SessionState session(String logonId, long logonS, Long endS, String ip) {
        SessionState s = new SessionState();
        s.host = "win-sql01";
        s.hostName = "WIN-SQL01.corp.example.com";
        s.logonId = logonId;
        s.logonTime = ms(logonS);
        s.lastSeen = s.logonTime;
        s.endTime = endS == null ? Long.MIN_VALUE : ms(endS);
        s.userName = "svc_airflow";
        s.userDomain = "CORP";
        s.sourceIp = ip;
        s.logonType = "Network";
        return s;
    }

    KeyedTwoInputStreamOperatorTestHarness<String, SessionState, AttemptWindow, EcsDocument>
            harness() throws Exception {
        return Harnesses.twoInput(new SessionLinker(settings), st -> st.host, w -> w.host);
    }

    static EcsDocument lastOf(List<EcsDocument> docs, String id) {
        EcsDocument found = null;
        for (EcsDocument d : docs) {
            if (d.id().equals(id)) {
                found = d;
            }
        }
        return found;
    }

    @Test
    void linksWhenTheToleranceHasPassedAndDrains() throws Exception {
        try (var h = harness()) {
            h.processElement2(target(A, "win-sql01", SVC, "10.0.0.5", 0, 10, 60L), ms(1));
            SessionState s = session("0x3e7a1", 11, 20L, "10.0.0.5");
            h.processElement1(s, ms(21));
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.extractOutputValues().get(0).has(Ecs.RUNTRAIL_MATCH_METHOD)).isFalse();

            h.processWatermark1(
                    new org.apache.flink.streaming.api.watermark.Watermark(
                            ms(11) + settings.skewTolerance()));
            h.processWatermark2(
                    new org.apache.flink.streaming.api.watermark.Watermark(
                            ms(11) + settings.skewTolerance()));
            EcsDocument linked = lastOf(h.extractOutputValues(), SessionMachine.sessionKey(s));
            assertThat(linked.getString(Ecs.RUNTRAIL_MATCH_METHOD))
                    .isEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
            assertThat(linked.get(Ecs.RUNTRAIL_MATCH_CONFIDENCE)).isEqualTo(0.9);
            assertThat(linked.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("sql_export");
            assertThat(linked.getString(Ecs.AIRFLOW_TASK_ID)).isEqualTo("extract");
            assertThat(linked.getString(Ecs.AIRFLOW_RUN_ID)).isEqualTo(A.run());
            assertThat(linked.getLong(Ecs.AIRFLOW_MAP_INDEX)).isEqualTo(-1L);
            assertThat(linked.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(1L);
            assertThat(linked.getLong(Ecs.RUNTRAIL_REVISION)).isEqualTo(2L);
            assertThat(Harnesses.side(h, Tags.SESSION_LINKS))
                    .containsExactly(
                            new SessionLink(
                                    A.key(),
                                    SessionMachine.sessionKey(s),
                                    LinkDecider.TARGET_HOST_ACCOUNT_IP,
                                    0.9,
                                    true));

            long end = Long.MAX_VALUE - 1;
            h.processWatermark1(new org.apache.flink.streaming.api.watermark.Watermark(end));
            h.processWatermark2(new org.apache.flink.streaming.api.watermark.Watermark(end));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void concurrentAttemptsWithTheSameFitAreAmbiguousUntilALateFactSeparatesThem()
            throws Exception {
        try (var h = harness()) {
            h.processElement2(target(A, "win-sql01", SVC, "10.0.0.5", 0, 30, null), ms(30));
            h.processElement2(target(B, "win-sql01", SVC, "10.0.0.5", 0, 30, null), ms(30));
            SessionState s = session("0x3e7a1", 31, 40L, "10.0.0.5");
            h.processElement1(s, ms(41));
            long decide = ms(31) + settings.skewTolerance();
            h.processWatermark1(new org.apache.flink.streaming.api.watermark.Watermark(decide));
            h.processWatermark2(new org.apache.flink.streaming.api.watermark.Watermark(decide));
            EcsDocument ambiguous = lastOf(h.extractOutputValues(), SessionMachine.sessionKey(s));
            assertThat(ambiguous.getString(Ecs.RUNTRAIL_MATCH_METHOD))
                    .isEqualTo(LinkDecider.AMBIGUOUS);
            assertThat(ambiguous.get(Fields.MATCH_CANDIDATES))
                    .isEqualTo(List.of(A.key(), B.key()).stream().sorted().toList());
            assertThat(ambiguous.has(Ecs.AIRFLOW_TASK_ID)).isFalse();
            assertThat(Harnesses.side(h, Tags.SESSION_LINKS)).isEmpty();

            // Late: B's connect line turns out to have been at second 5, A's stays at 30.
            h.processElement2(target(B, "win-sql01", SVC, "10.0.0.5", 0, 5, 20L), decide);
            EcsDocument resolved = lastOf(h.extractOutputValues(), SessionMachine.sessionKey(s));
            assertThat(resolved.getString(Ecs.RUNTRAIL_MATCH_METHOD))
                    .isEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
            assertThat(resolved.getString(Ecs.RUNTRAIL_ATTEMPT_KEY)).isEqualTo(A.key());
            assertThat(resolved.getLong(Ecs.RUNTRAIL_REVISION)).isEqualTo(3L);
            assertThat(Harnesses.side(h, Tags.SESSION_LINKS))
                    .extracting(l -> l.attemptKey)
                    .containsExactly(A.key());

            // A finishes; everything is forgotten after the retention.
            h.processElement2(target(A, "win-sql01", SVC, "10.0.0.5", 0, 30, 60L), decide);
            long end = ms(60) + settings.skewTolerance() + settings.linkRetention();
            h.processWatermark1(new org.apache.flink.streaming.api.watermark.Watermark(end));
            h.processWatermark2(new org.apache.flink.streaming.api.watermark.Watermark(end));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aSnapshotOlderThanTheOneHeldChangesNothing() throws Exception {
        try (var h = harness()) {
            h.processElement2(target(A, "win-sql01", SVC, "10.0.0.5", 0, 10, 60L), ms(1));
            // the builder's second snapshot (the client address is known) arrives first, the
            // first one (no address yet) after it, at the same time
            SessionState newer = session("0x3e7a1", 11, null, "10.0.0.5");
            newer.sequence = 2;
            SessionState older = session("0x3e7a1", 11, null, null);
            older.sequence = 1;
            h.processElement1(newer, ms(12));
            h.processElement1(older, ms(12));
            assertThat(h.extractOutputValues()).hasSize(1);

            long decide = ms(11) + settings.skewTolerance();
            h.processWatermark1(new org.apache.flink.streaming.api.watermark.Watermark(decide));
            h.processWatermark2(new org.apache.flink.streaming.api.watermark.Watermark(decide));
            EcsDocument linked = lastOf(h.extractOutputValues(), SessionMachine.sessionKey(newer));
            assertThat(linked.getString(Ecs.SOURCE_IP)).isEqualTo("10.0.0.5");
            assertThat(linked.getString(Ecs.RUNTRAIL_MATCH_METHOD))
                    .isEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
        }
    }
}
