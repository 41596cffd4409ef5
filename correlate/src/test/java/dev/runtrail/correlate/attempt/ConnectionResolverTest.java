package dev.runtrail.correlate.attempt;

import static dev.runtrail.correlate.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.TestEvents;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ConnectionResolverTest {
    static final TestEvents.Attempt A =
            new TestEvents.Attempt("etl", "scheduled__2026-03-02T00:00:00+00:00", "load", -1, 1);
    final CorrelationSettings settings = CorrelationSettings.defaults();

    static EcsDocument connection(String connId, String host, String login) {
        EcsDocument c = EcsDocument.event("conn-" + connId);
        c.put(Ecs.EVENT_DATASET, "airflow.connection");
        c.put(Ecs.AIRFLOW_CONN_ID, connId);
        c.put(Ecs.DESTINATION_DOMAIN, host);
        c.put(Ecs.USER_NAME, login);
        return c;
    }

    /** A WinRM hook line naming only its connection. */
    static EcsDocument namesOnly(String connId, long seconds) {
        return A.line("remote-connection", at(seconds)).put(Ecs.AIRFLOW_CONN_ID, connId);
    }

    KeyedBroadcastOperatorTestHarness<String, EcsDocument, EcsDocument, EcsDocument> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new ConnectionResolver(settings),
                AttemptMachine::attemptKey,
                Types.STRING,
                ConnectionResolver.CONNECTIONS);
    }

    /** State entries of every key (the harness for broadcast functions does not count them). */
    static int keyedEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        AbstractStreamOperator<?> op = (AbstractStreamOperator<?>) h.getOperator();
        return ((HeapKeyedStateBackend<?>) op.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void aKnownConnectionGivesTheLineItsHostAndLogin() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(connection("winrm_db", "WIN-DB01", "CORP\\svc_airflow"), 0);
            h.processElement(namesOnly("winrm_db", 5), at(5).toEpochMilli());
            List<EcsDocument> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).getString(Fields.CONNECTION_HOST)).isEqualTo("WIN-DB01");
            assertThat(out.get(0).getString(Fields.CONNECTION_LOGIN))
                    .isEqualTo("CORP\\svc_airflow");
            // What the hook logged is left as it was.
            assertThat(out.get(0).has(Ecs.USER_NAME)).isFalse();
            assertThat(keyedEntries(h)).isZero();
        }
    }

    @Test
    void aLineWaitsForItsConnectionAndGoesOnWhenItArrives() throws Exception {
        try (var h = harness()) {
            h.processElement(namesOnly("winrm_app", 5), at(5).toEpochMilli());
            assertThat(h.extractOutputValues()).isEmpty();
            h.processBroadcastElement(connection("winrm_app", "win-app01", "svc_deploy"), 0);
            List<EcsDocument> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).getString(Fields.CONNECTION_LOGIN)).isEqualTo("svc_deploy");
            h.watermark(at(5).toEpochMilli() + settings.pendingWait());
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(keyedEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aLineWhoseConnectionNeverComesGoesOnAfterTheWait() throws Exception {
        try (var h = harness()) {
            h.processElement(namesOnly("ssh_unknown", 5), at(5).toEpochMilli());
            h.watermark(at(5).toEpochMilli() + settings.pendingWait());
            List<EcsDocument> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).has(Fields.CONNECTION_LOGIN)).isFalse();
            assertThat(keyedEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aLineThatLogsHostAndLoginPassesStraightThrough() throws Exception {
        try (var h = harness()) {
            h.processElement(A.connects("win-app02", "svc_etl", at(3)), at(3).toEpochMilli());
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(keyedEntries(h)).isZero();
        }
    }
}
