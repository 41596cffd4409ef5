package dev.runtrail.correlate.attempt;

import static dev.runtrail.correlate.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Harnesses;
import dev.runtrail.correlate.TestEvents;
import dev.runtrail.correlate.link.SessionLink;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptRecordOperatorTest {
    static final TestEvents.Attempt A =
            new TestEvents.Attempt(
                    "sql_export", "manual__2026-03-02T10:00:00+00:00", "extract", -1, 1);
    final CorrelationSettings settings = CorrelationSettings.defaults();

    static long ms(long s) {
        return at(s).toEpochMilli();
    }

    EcsDocument snapshot(boolean finished) {
        AttemptState s = new AttemptState();
        s.attemptKey = A.key();
        s.runKey = A.runKey();
        s.dagId = A.dag();
        s.runId = A.run();
        s.taskId = A.task();
        s.tryNumber = 1;
        s.start = ms(0);
        s.firstSeen = ms(0);
        s.lastSeen = ms(finished ? 20 : 5);
        s.end = finished ? ms(20) : Long.MIN_VALUE;
        s.state = finished ? "success" : null;
        return new AttemptMachine(settings).snapshot(s);
    }

    @Test
    void joinsLinksThatComeBeforeAndAfterTheSnapshot() throws Exception {
        try (var h =
                Harnesses.twoInput(
                        new AttemptRecordOperator(settings),
                        EcsDocument::id,
                        (SessionLink l) -> l.attemptKey)) {
            h.processElement2(new SessionLink(A.key(), "s1", "command_line", 0.99, true), ms(6));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement1(snapshot(false), ms(6));
            EcsDocument first = h.extractOutputValues().get(0);
            assertThat(first.get(Ecs.RUNTRAIL_SESSION_KEY)).isEqualTo(List.of("s1"));
            assertThat(first.getLong(Ecs.RUNTRAIL_REVISION)).isEqualTo(1L);

            h.processElement2(
                    new SessionLink(A.key(), "s2", "target_host_account_ip", 0.9, true), ms(7));
            h.processElement2(new SessionLink(A.key(), "s1", null, 0, false), ms(8));
            h.processElement1(snapshot(true), ms(21));
            List<EcsDocument> out = h.extractOutputValues();
            EcsDocument last = out.get(out.size() - 1);
            assertThat(out).hasSize(4);
            assertThat(last.get(Ecs.RUNTRAIL_SESSION_KEY)).isEqualTo(List.of("s2"));
            assertThat(last.getString(Ecs.AIRFLOW_STATE)).isEqualTo("success");
            assertThat(last.getLong(Ecs.RUNTRAIL_REVISION)).isEqualTo(4L);

            h.processWatermark1(
                    new org.apache.flink.streaming.api.watermark.Watermark(
                            ms(20) + settings.attemptLinger() + settings.linkRetention()));
            h.processWatermark2(
                    new org.apache.flink.streaming.api.watermark.Watermark(
                            ms(20) + settings.attemptLinger() + settings.linkRetention()));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aLinkOvertakenByItsLaterWithdrawalStaysWithdrawn() throws Exception {
        try (var h =
                Harnesses.twoInput(
                        new AttemptRecordOperator(settings),
                        EcsDocument::id,
                        (SessionLink l) -> l.attemptKey)) {
            h.processElement1(snapshot(false), ms(6));
            // decided (1), then decided again for another attempt (2), both at the same time,
            // arriving swapped
            h.processElement2(
                    new SessionLink(A.key(), "s1", null, 0, false).withSequence(2), ms(9));
            h.processElement2(
                    new SessionLink(A.key(), "s1", "host_account_time", 0.6, true).withSequence(1),
                    ms(9));
            h.processElement2(
                    new SessionLink(A.key(), "s2", "command_line", 0.99, true).withSequence(1),
                    ms(9));

            List<EcsDocument> out = h.extractOutputValues();
            assertThat(out.get(out.size() - 1).get(Ecs.RUNTRAIL_SESSION_KEY))
                    .isEqualTo(List.of("s2"));
        }
    }
}
