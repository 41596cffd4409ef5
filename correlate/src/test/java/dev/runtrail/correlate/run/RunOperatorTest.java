package dev.runtrail.correlate.run;

import static dev.runtrail.correlate.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Harnesses;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.TestEvents;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunOperatorTest {
    static final String DAG = "sql_export";
    static final String RUN = "manual__2026-03-02T10:00:00+00:00";
    final CorrelationSettings settings = CorrelationSettings.defaults();

    static long ms(long s) {
        return at(s).toEpochMilli();
    }

    @Test
    void attributesALateTriggerAndDrains() throws Exception {
        try (var h =
                Harnesses.oneInput(
                        new RunOperator(settings), d -> d.getString(Ecs.AIRFLOW_DAG_ID))) {
            EcsDocument run =
                    TestEvents.dagRun(DAG, RUN, "manual", "success", at(0), "alice@example.com");
            run.put(Ecs.EVENT_END, at(30));
            h.processElement(run, ms(0));
            h.processWatermark(ms(0) + settings.triggerTolerance());
            List<EcsDocument> runs = Harnesses.side(h, Tags.RUN_RECORDS);
            assertThat(runs.get(runs.size() - 1).get(Fields.IDENTITY_UNAUTHENTICATED))
                    .isEqualTo(true);

            // The proxy log arrives late; the run is attributed again.
            EcsDocument trigger =
                    TestEvents.proxyTrigger(DAG, "alice@example.com", "alice@example.com", at(-1));
            h.processElement(trigger, ms(-1));
            assertThat(h.extractOutputValues().get(1).get(Fields.LATE)).isEqualTo(true);
            runs = Harnesses.side(h, Tags.RUN_RECORDS);
            EcsDocument last = runs.get(runs.size() - 1);
            assertThat(last.getString(Ecs.USER_NAME)).isEqualTo("alice@example.com");
            assertThat(last.getString(Ecs.RUNTRAIL_MATCH_METHOD))
                    .isEqualTo(RunMachine.PROXY_TRIGGER);
            assertThat(last.get(Fields.IDENTITY_MISMATCH)).isEqualTo(false);
            assertThat(last.has(Fields.IDENTITY_UNAUTHENTICATED)).isFalse();

            h.processWatermark(ms(30) + settings.runLinger() + settings.triggerTolerance());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
