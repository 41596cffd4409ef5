package dev.runtrail.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hosts and logins of Airflow connections, by connection id: hooks log the connection id but often
 * not the account (WinRM, PSRP) or even the host (SSH). Passwords are never read.
 *
 * @param hosts connection id to host
 * @param logins connection id to login
 */
public record ConnectionInventory(Map<String, String> hosts, Map<String, String> logins) {
    public static final ConnectionInventory EMPTY = new ConnectionInventory(Map.of(), Map.of());

    /** Reads an {@code airflow connections export} JSON file (connection id to connection). */
    public static ConnectionInventory fromExport(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IOException(
                    file
                            + " is not an `airflow connections export` JSON file: expected an"
                            + " object of connection id to connection.");
        }
        Map<String, String> hosts = new LinkedHashMap<>();
        Map<String, String> logins = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            put(hosts, e.getKey(), e.getValue().get("host"));
            put(logins, e.getKey(), e.getValue().get("login"));
        }
        return new ConnectionInventory(hosts, logins);
    }

    private static void put(Map<String, String> map, String key, JsonNode value) {
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
            map.put(key, value.asText());
        }
    }
}
