package dev.runtrail.correlate.run;

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

class RunMachineTest {
    static final String DAG = "sql_export";
    static final String RUN1 = "manual__2026-03-02T10:00:00+00:00";
    static final String RUN2 = "manual__2026-03-02T10:00:20+00:00";

    final CorrelationSettings settings = CorrelationSettings.defaults();
    final RunMachine machine = new RunMachine(settings);
    final DagRuns state = new DagRuns();
    final List<EcsDocument> events = new ArrayList<>();
    final List<EcsDocument> runs = new ArrayList<>();
    final RunOutput out =
            new RunOutput() {
                @Override
                public void event(EcsDocument event) {
                    events.add(event);
                }

                @Override
                public void run(EcsDocument run) {
                    runs.add(run);
                }
            };

    static long ms(long s) {
        return at(s).toEpochMilli();
    }

    EcsDocument last(String runId) {
        String key = Keys.run(DAG, runId);
        EcsDocument found = null;
        for (EcsDocument r : runs) {
            if (r.id().equals(key)) {
                found = r;
            }
        }
        return found;
    }

    @Test
    void aManualRunIsAttributedToTheProxyUserWhoTriggeredIt() {
        machine.onEvent(
                state, TestEvents.proxyTrigger(DAG, "alice", "alice@example.com", at(-1)), 0, out);
        machine.onEvent(
                state,
                TestEvents.dagRun(DAG, RUN1, "manual", "queued", at(0), "alice@example.com"),
                0,
                out);
        assertThat(last(RUN1).has(Ecs.USER_NAME)).isFalse();

        machine.onTime(state, ms(0) + settings.triggerTolerance(), out);
        EcsDocument run = last(RUN1);
        assertThat(run.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("manual");
        assertThat(run.getString(Ecs.AIRFLOW_STATE)).isEqualTo("queued");
        assertThat(run.getString(Ecs.USER_NAME)).isEqualTo("alice");
        assertThat(run.getString(Ecs.USER_EMAIL)).isEqualTo("alice@example.com");
        assertThat(run.getString(Ecs.RUNTRAIL_MATCH_METHOD)).isEqualTo(RunMachine.PROXY_TRIGGER);
        assertThat(run.get(Fields.IDENTITY_MISMATCH)).isEqualTo(false);
        assertThat(run.getLong(Ecs.RUNTRAIL_REVISION)).isEqualTo(2L);
        assertThat(events).hasSize(2);
    }

    @Test
    void aDisagreementWithAirflowsRecordIsKept() {
        machine.onEvent(state, TestEvents.proxyTrigger(DAG, "mallory", null, at(0)), 0, out);
        machine.onEvent(state, TestEvents.audit(DAG, RUN1, "trigger", "alice", at(0)), 0, out);
        machine.onTime(state, ms(0) + settings.triggerTolerance(), out);
        EcsDocument run = last(RUN1);
        assertThat(run.getString(Ecs.USER_NAME)).isEqualTo("mallory");
        assertThat(run.getString(Fields.IDENTITY_AIRFLOW_USER)).isEqualTo("alice");
        assertThat(run.get(Fields.IDENTITY_MISMATCH)).isEqualTo(true);
    }

    @Test
    void twoTriggersCloseTogetherGoToTheirOwnRuns() {
        machine.onEvent(state, TestEvents.proxyTrigger(DAG, "bob", null, at(19)), 0, out);
        machine.onEvent(state, TestEvents.proxyTrigger(DAG, "alice", null, at(0)), 0, out);
        machine.onEvent(
                state, TestEvents.dagRun(DAG, RUN1, "manual", "running", at(1), null), 0, out);
        machine.onEvent(
                state, TestEvents.dagRun(DAG, RUN2, "manual", "running", at(20), null), 0, out);
        machine.onTime(state, ms(20) + settings.triggerTolerance(), out);
        assertThat(last(RUN1).getString(Ecs.USER_NAME)).isEqualTo("alice");
        assertThat(last(RUN2).getString(Ecs.USER_NAME)).isEqualTo("bob");
    }

    @Test
    void aManualRunWithoutAnAuthenticatedTriggerIsFlagged() {
        machine.onEvent(
                state, TestEvents.dagRun(DAG, RUN1, "manual", "success", at(0), "alice"), 0, out);
        machine.onTime(state, ms(0) + settings.triggerTolerance(), out);
        EcsDocument run = last(RUN1);
        assertThat(run.get(Fields.IDENTITY_UNAUTHENTICATED)).isEqualTo(true);
        assertThat(run.has(Ecs.USER_NAME)).isFalse();
        assertThat(run.getString(Fields.IDENTITY_ACTOR)).isEqualTo("alice");
        assertThat(run.getString(Ecs.RUNTRAIL_MATCH_METHOD))
                .isEqualTo(RunMachine.AIRFLOW_TRIGGERING_USER);
    }

    @Test
    void aTriggerOutsideTheToleranceIsNotUsed() {
        long tolerance = settings.triggerTolerance() / 1000;
        machine.onEvent(
                state, TestEvents.proxyTrigger(DAG, "alice", null, at(-tolerance - 5)), 0, out);
        machine.onEvent(
                state, TestEvents.dagRun(DAG, RUN1, "manual", "running", at(0), null), 0, out);
        machine.onTime(state, ms(0) + settings.triggerTolerance(), out);
        assertThat(last(RUN1).has(Ecs.USER_NAME)).isFalse();
        assertThat(last(RUN1).getString(Ecs.RUNTRAIL_MATCH_METHOD)).isEqualTo(RunMachine.NONE);
    }

    @Test
    void scheduledRunsAreAttributedToTheSchedulerAndTheOwner() {
        EcsDocument e =
                TestEvents.dagRun(
                        DAG,
                        "scheduled__2026-03-02T00:00:00+00:00",
                        "scheduled",
                        "success",
                        at(0),
                        null);
        e.put(Ecs.AIRFLOW_OWNER, "data-team");
        machine.onEvent(state, e, 0, out);
        EcsDocument run = last("scheduled__2026-03-02T00:00:00+00:00");
        assertThat(run.getString(Fields.IDENTITY_ACTOR)).isEqualTo("scheduler");
        assertThat(run.getString(Ecs.AIRFLOW_OWNER)).isEqualTo("data-team");
        assertThat(run.has(Ecs.USER_NAME)).isFalse();
    }

    @Test
    void runsFromAttemptsAloneUseTheRunIdTime() {
        assertThat(RunMachine.runIdTime(RUN2)).isEqualTo(ms(20));
        assertThat(RunMachine.runIdTime("manual__2026-03-02T10:00:20.123456+00:00_AbCd1234"))
                .isEqualTo(ms(20) + 123);
        assertThat(RunMachine.runIdTime("my_custom_run")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void stateDrainsAfterTheRunFinishes() {
        machine.onEvent(state, TestEvents.proxyTrigger(DAG, "alice", null, at(0)), 0, out);
        EcsDocument done = TestEvents.dagRun(DAG, RUN1, "manual", "success", at(0), null);
        done.put(Ecs.EVENT_END, at(30));
        machine.onEvent(state, done, 0, out);
        long deadline = machine.nextDeadline(state);
        assertThat(deadline).isEqualTo(ms(0) + settings.triggerTolerance());
        machine.onTime(state, Long.MAX_VALUE - 1, out);
        assertThat(state.isEmpty()).isTrue();
        assertThat(last(RUN1).getString(Ecs.USER_NAME)).isEqualTo("alice");
    }
}
