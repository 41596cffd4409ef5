package dev.runtrail.correlate.attempt;

import static dev.runtrail.correlate.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.TestEvents;
import dev.runtrail.correlate.link.AttemptWindow;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class AttemptMachineTest {
    static final TestEvents.Attempt EXTRACT =
            new TestEvents.Attempt(
                    "sql_export", "manual__2026-03-02T10:00:00+00:00", "extract", -1, 1);

    final Configuration config = new Configuration();

    {
        config.setString("correlation.link.worker-ips", "worker-1:10.0.0.5");
    }

    final CorrelationSettings settings = CorrelationSettings.from(config);
    final AttemptMachine machine = new AttemptMachine(settings);
    final AttemptState state = new AttemptState();
    final List<EcsDocument> events = new ArrayList<>();
    final List<EcsDocument> snapshots = new ArrayList<>();
    final List<AttemptWindow> windows = new ArrayList<>();
    final AttemptOutput out =
            new AttemptOutput() {
                @Override
                public void event(EcsDocument event) {
                    events.add(event);
                }

                @Override
                public void attempt(EcsDocument snapshot) {
                    snapshots.add(snapshot);
                }

                @Override
                public void window(AttemptWindow window) {
                    windows.add(window);
                }
            };

    static long ms(long s) {
        return at(s).toEpochMilli();
    }

    @Test
    void buildsTheAttemptFromItsLines() {
        machine.onEvent(
                state, EXTRACT.started(at(1)).put(Ecs.AIRFLOW_OPERATOR, "WinRMOperator"), 0, out);
        machine.onEvent(state, EXTRACT.host("worker-1.corp.example.com", at(1)), 0, out);
        machine.onEvent(state, EXTRACT.line("task-pid", at(1)).put(Ecs.PROCESS_PID, 4242L), 0, out);
        machine.onEvent(
                state,
                EXTRACT.connects("WIN-SQL01.corp.example.com", "CORP\\svc_airflow", at(2)),
                0,
                out);
        machine.onEvent(state, EXTRACT.finished("success", at(20)), 0, out);
        machine.onEvent(
                state, EXTRACT.line("task-exited", at(21)).put(Ecs.PROCESS_EXIT_CODE, 0L), 0, out);
        assertThat(events).hasSize(6);
        assertThat(snapshots).isEmpty();

        machine.onTime(state, ms(2), out);
        assertThat(snapshots).hasSize(1);
        machine.onTime(state, ms(21), out);
        EcsDocument a = snapshots.get(snapshots.size() - 1);
        assertThat(a.id()).isEqualTo(EXTRACT.key());
        assertThat(a.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("sql_export");
        assertThat(a.getLong(Ecs.AIRFLOW_MAP_INDEX)).isEqualTo(-1L);
        assertThat(a.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(1L);
        assertThat(a.getString(Ecs.AIRFLOW_OPERATOR)).isEqualTo("WinRMOperator");
        assertThat(a.getString(Ecs.AIRFLOW_STATE)).isEqualTo("success");
        assertThat(a.getString(Ecs.AIRFLOW_HOSTNAME)).isEqualTo("worker-1.corp.example.com");
        assertThat(a.getString(Ecs.HOST_IP)).isEqualTo("10.0.0.5");
        assertThat(a.getInstant(Ecs.EVENT_START)).isEqualTo(at(1));
        assertThat(a.getInstant(Ecs.EVENT_END)).isEqualTo(at(20));
        assertThat(a.getLong(Ecs.PROCESS_PID)).isEqualTo(4242L);
        assertThat(a.getLong(Ecs.PROCESS_EXIT_CODE)).isEqualTo(0L);
        assertThat(a.get(Ecs.AIRFLOW_REMOTE_HOST)).isEqualTo(List.of("WIN-SQL01.corp.example.com"));
        assertThat(a.get(Fields.ATTEMPT_FINISHED)).isEqualTo(true);

        AttemptWindow target =
                windows.stream()
                        .filter(w -> w.role.equals(AttemptWindow.TARGET))
                        .reduce((x, y) -> y)
                        .orElseThrow();
        assertThat(target.host).isEqualTo("win-sql01");
        assertThat(target.account).isEqualTo("svc_airflow@corp");
        assertThat(target.workerIp).isEqualTo("10.0.0.5");
        assertThat(target.connectTime).isEqualTo(ms(2));
        assertThat(target.start).isEqualTo(ms(1));
        assertThat(target.end).isEqualTo(ms(20));
        assertThat(windows.stream().map(w -> w.host + "/" + w.role).distinct())
                .containsExactlyInAnyOrder("worker-1/worker", "win-sql01/target");

        assertThat(machine.nextDeadline(state)).isEqualTo(ms(21) + settings.attemptLinger());
        machine.onTime(state, ms(21) + settings.attemptLinger(), out);
        assertThat(state.known()).isFalse();
    }

    @Test
    void anAttemptThatNeverFinishesIsDroppedAfterTheTtl() {
        machine.onEvent(state, EXTRACT.started(at(1)), 0, out);
        machine.onTime(state, ms(2), out);
        assertThat(machine.nextDeadline(state)).isEqualTo(ms(1) + settings.attemptTtl());
        machine.onTime(state, ms(1) + settings.attemptTtl(), out);
        assertThat(state.known()).isFalse();
    }

    @Test
    void configuredWorkerAddressesAreNormalized() {
        assertThat(settings.workerIps()).isEqualTo(Map.of("worker-1", "10.0.0.5"));
    }
}
