package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The non-secret parts of one Airflow connection, whichever shape it was read from. The password is
 * never held here.
 *
 * @param extra the {@code extra} JSON (text or tree) as written, masked when turned into a field
 * @param uriScheme the scheme of the connection URI when the connection was read from one
 */
record Connection(
        String connId,
        String connType,
        String host,
        Long port,
        String login,
        String schema,
        String description,
        JsonNode extra,
        String uriScheme) {

    /**
     * Reads the fields Airflow writes for a connection in its exports ({@code conn_type}, {@code
     * host}, {@code port}, ...) and API responses ({@code connection_id}).
     *
     * @param connId the id from the export's key, or null to read it from the object
     */
    static Connection fromJson(String connId, JsonNode node) throws UnmappableRecord {
        String id =
                connId != null ? connId : JsonFields.firstText(node, "connection_id", "conn_id");
        if (id == null) {
            throw new UnmappableRecord(
                    "expected an Airflow connection with a 'connection_id', but it is missing");
        }
        JsonNode port = node.get("port");
        Long portNumber = JsonFields.number(node, "port");
        if (portNumber == null && port != null && !port.isNull() && !isBlankText(port)) {
            throw new UnmappableRecord(
                    "expected the port of connection '"
                            + id
                            + "' to be a number, but found a JSON "
                            + port.getNodeType());
        }
        JsonNode extra = node.get("extra");
        return new Connection(
                id,
                JsonFields.text(node, "conn_type"),
                JsonFields.text(node, "host"),
                portNumber,
                JsonFields.text(node, "login"),
                JsonFields.text(node, "schema"),
                JsonFields.text(node, "description"),
                extra == null || extra.isNull() ? null : extra,
                null);
    }

    private static boolean isBlankText(JsonNode node) {
        return node.isTextual() && node.asText().isBlank();
    }
}
