package dev.runtrail.correlate.attempt;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Tags;
import dev.runtrail.correlate.TimerSlot;
import dev.runtrail.correlate.Times;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by attempt key, with the Airflow connections ({@code event.dataset: airflow.connection})
 * broadcast: puts the host and login of the connection a {@code remote-connection} line names on
 * that line ({@link Fields#CONNECTION_HOST}, {@link Fields#CONNECTION_LOGIN}), because WinRM/PSRP
 * hooks log the connection id but rarely the account, and some not even the host. A configured
 * inventory ({@code correlation.link.connection-*}) wins over the data.
 *
 * <p>In a bounded (batch) run Flink reads the broadcast side first, so every connection is known.
 * In a stream a line naming a connection not seen yet waits up to {@code
 * correlation.session.pending-wait} for it, then goes on as it is.
 */
public class ConnectionResolver
        extends KeyedBroadcastProcessFunction<String, EcsDocument, EcsDocument, EcsDocument> {
    public static final MapStateDescriptor<String, KnownConnection> CONNECTIONS =
            new MapStateDescriptor<>(
                    "airflow-connections", Types.STRING, TypeInformation.of(KnownConnection.class));

    private static final ListStateDescriptor<EcsDocument> WAITING =
            new ListStateDescriptor<>("waiting-for-connection", Tags.DOCUMENT);

    private final CorrelationSettings settings;
    private transient ListState<EcsDocument> waiting;
    private transient TimerSlot timer;

    public ConnectionResolver(CorrelationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        waiting = getRuntimeContext().getListState(WAITING);
        timer = new TimerSlot("connection-wait-timer");
        timer.open(getRuntimeContext());
    }

    @Override
    public void processElement(EcsDocument e, ReadOnlyContext ctx, Collector<EcsDocument> out)
            throws Exception {
        if (!needsConnection(e)) {
            out.collect(e);
            return;
        }
        String connId = e.getString(Ecs.AIRFLOW_CONN_ID);
        KnownConnection known = ctx.getBroadcastState(CONNECTIONS).get(connId);
        if (known != null || configured(connId)) {
            out.collect(resolve(e, known));
            return;
        }
        waiting.add(e);
        long ts = Times.millis(e, Ecs.TIMESTAMP);
        long base = ts == Times.NONE ? ctx.timerService().currentWatermark() : ts;
        timer.arm(ctx.timerService(), Times.plus(base, settings.pendingWait()));
    }

    @Override
    public void processBroadcastElement(EcsDocument e, Context ctx, Collector<EcsDocument> out)
            throws Exception {
        KnownConnection c = KnownConnection.of(e);
        if (c == null) {
            return;
        }
        String connId = e.getString(Ecs.AIRFLOW_CONN_ID);
        BroadcastState<String, KnownConnection> connections = ctx.getBroadcastState(CONNECTIONS);
        connections.put(connId, c);
        // Lines that were waiting for this connection go on now; their keys' timers find nothing.
        ctx.applyToKeyedState(
                WAITING,
                (key, state) -> {
                    List<EcsDocument> still = new ArrayList<>();
                    for (EcsDocument w : state.get()) {
                        if (connId.equals(w.getString(Ecs.AIRFLOW_CONN_ID))) {
                            out.collect(resolve(w, c));
                        } else {
                            still.add(w);
                        }
                    }
                    state.update(still);
                });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EcsDocument> out)
            throws Exception {
        timer.fired(timestamp);
        ReadOnlyBroadcastState<String, KnownConnection> connections =
                ctx.getBroadcastState(CONNECTIONS);
        for (EcsDocument w : waiting.get()) {
            out.collect(resolve(w, connections.get(w.getString(Ecs.AIRFLOW_CONN_ID))));
        }
        waiting.clear();
        timer.clear(ctx.timerService());
    }

    /** A remote-connection line that names a connection but not both its host and its login. */
    static boolean needsConnection(EcsDocument e) {
        return "remote-connection".equals(e.getString(Ecs.EVENT_ACTION))
                && e.getString(Ecs.AIRFLOW_CONN_ID) != null
                && (e.getString(Ecs.USER_NAME) == null
                        || (e.getString(Ecs.AIRFLOW_REMOTE_HOST) == null
                                && e.getString(Ecs.DESTINATION_DOMAIN) == null
                                && e.getString(Ecs.DESTINATION_IP) == null));
    }

    private boolean configured(String connId) {
        return settings.connectionHost(connId) != null || settings.connectionLogin(connId) != null;
    }

    private EcsDocument resolve(EcsDocument e, KnownConnection known) {
        String connId = e.getString(Ecs.AIRFLOW_CONN_ID);
        String host = settings.connectionHost(connId);
        String login = settings.connectionLogin(connId);
        if (known != null) {
            host = host != null ? host : known.host;
            login = login != null ? login : known.login;
        }
        e.put(Fields.CONNECTION_HOST, host);
        e.put(Fields.CONNECTION_LOGIN, login);
        return e;
    }
}
