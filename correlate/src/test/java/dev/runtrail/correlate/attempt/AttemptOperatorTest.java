package dev.runtrail.correlate.attempt;

import static dev.runtrail.correlate.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Harnesses;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.TestEvents;
import dev.runtrail.correlate.link.AttemptWindow;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.List;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AttemptOperatorTest {
    static final TestEvents.Attempt A =
            new TestEvents.Attempt("etl", "scheduled__2026-03-02T00:00:00+00:00", "load", 2, 1);
    final CorrelationSettings settings = CorrelationSettings.defaults();

    static long ms(long s) {
        return at(s).toEpochMilli();
    }

    static void send(
            KeyedOneInputStreamOperatorTestHarness<String, EcsDocument, EcsDocument> h,
            EcsDocument e)
            throws Exception {
        h.processElement(e, e.timestamp().toEpochMilli());
    }

    @Test
    void buildsAnAttemptTakesALateLineAndDrains() throws Exception {
        try (var h =
                Harnesses.oneInput(new AttemptOperator(settings), AttemptMachine::attemptKey)) {
            send(h, A.started(at(0)));
            send(h, A.host("worker-2", at(0)));
            send(h, A.connects("win-app02", "svc_etl@corp.example.com", at(3)));
            send(h, A.finished("failed", at(30)));
            h.processWatermark(ms(31));
            List<EcsDocument> snapshots = Harnesses.side(h, Tags.ATTEMPT_SNAPSHOTS);
            assertThat(snapshots).hasSize(1);
            assertThat(snapshots.get(0).getString(Ecs.AIRFLOW_STATE)).isEqualTo("failed");
            assertThat(snapshots.get(0).getLong(Ecs.AIRFLOW_MAP_INDEX)).isEqualTo(2L);
            List<AttemptWindow> windows = Harnesses.side(h, Tags.ATTEMPT_WINDOWS);
            assertThat(windows).extracting(w -> w.host).containsExactly("worker-2", "win-app02");

            // A line that was logged before the watermark but arrives after it.
            send(h, A.line("task-exited", at(30).plusMillis(500)).put(Ecs.PROCESS_EXIT_CODE, 1L));
            h.processWatermark(ms(40));
            List<EcsDocument> events = h.extractOutputValues();
            assertThat(events).hasSize(5);
            assertThat(events.get(4).get(Fields.LATE)).isEqualTo(true);
            snapshots = Harnesses.side(h, Tags.ATTEMPT_SNAPSHOTS);
            assertThat(snapshots).hasSize(2);
            assertThat(snapshots.get(1).getLong(Ecs.PROCESS_EXIT_CODE)).isEqualTo(1L);

            h.processWatermark(ms(31) + settings.attemptLinger());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
