package dev.runtrail.sampledata.airflow;

import dev.runtrail.sampledata.Json;
import dev.runtrail.sampledata.world.Dag;
import dev.runtrail.sampledata.world.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code airflow connections export connections.json} (passwords removed): where each connection id
 * points and as whom — the SSH hook never logs its target, so this is how a task's host is known.
 */
public final class ConnectionsExport {
    private ConnectionsExport() {}

    public static void write(Path file, List<Dag> dags) throws IOException {
        Map<String, Json> byId = new LinkedHashMap<>();
        for (Dag dag : dags) {
            if (dag.transport() == Transport.WINDOWS_WORKER || byId.containsKey(dag.connId())) {
                continue;
            }
            byId.put(
                    dag.connId(),
                    Json.object()
                            .put("conn_type", dag.transport().connType())
                            .put("description", "")
                            .put("login", dag.connLogin())
                            .put("password", null)
                            .put("host", dag.remoteHostAsLogged())
                            .put("port", port(dag.transport()))
                            .put("schema", "")
                            .put("extra", extra(dag.transport())));
        }
        Json root = Json.object();
        byId.forEach(root::put);
        Files.writeString(file, root.pretty(0) + "\n", StandardCharsets.UTF_8);
    }

    private static int port(Transport transport) {
        return switch (transport) {
            case SSH -> 22;
            case PSRP -> 5986;
            default -> 5985;
        };
    }

    private static String extra(Transport transport) {
        return switch (transport) {
            case WINRM -> "{\"transport\": \"ntlm\"}";
            case PSRP -> "{\"auth\": \"kerberos\", \"ssl\": true}";
            default -> "{\"no_host_key_check\": true}";
        };
    }
}
