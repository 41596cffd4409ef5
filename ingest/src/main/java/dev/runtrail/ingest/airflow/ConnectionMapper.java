package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;

/**
 * Turns one {@link Connection} into an {@code airflow.connection} state event. Its id is left to
 * {@code EventStamp.defaultId}: (the file's folder and name, conn id, SHA-256 of the record), so
 * the same export read from another root gives the same ids, and a connection whose definition
 * changed is another observation.
 */
final class ConnectionMapper {
    private ConnectionMapper() {}

    static EcsDocument toEvent(Connection c) {
        EcsDocument doc = EcsDocument.event(null);
        doc.put(Ecs.EVENT_KIND, "state");
        doc.put(Ecs.EVENT_CATEGORY, "configuration");
        doc.put(Ecs.EVENT_TYPE, "info");
        doc.put(Ecs.EVENT_MODULE, "airflow");
        doc.put(Ecs.AIRFLOW_CONN_ID, c.connId());
        doc.put(Ecs.AIRFLOW_CONN_TYPE, c.connType());
        doc.put(Ecs.URL_SCHEME, c.uriScheme());
        doc.put(Ecs.AIRFLOW_CONN_SCHEMA, c.schema());
        doc.put(Ecs.MESSAGE, c.description());
        String host = c.host();
        if (host != null) {
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            doc.put(
                    TaskFacts.isIpLiteral(host) ? Ecs.DESTINATION_IP : Ecs.DESTINATION_DOMAIN,
                    host);
            doc.add(Ecs.RELATED_HOSTS, host);
        }
        doc.put(Ecs.DESTINATION_PORT, c.port());
        login(doc, c.login());
        doc.put(Ecs.AIRFLOW_CONN_EXTRA, maskedExtra(c.extra()));
        return doc;
    }

    /**
     * {@code user.name} as written; domain and bare user split off {@code D\\u} and {@code u@d}.
     */
    private static void login(EcsDocument doc, String login) {
        if (login == null) {
            return;
        }
        doc.put(Ecs.USER_NAME, login);
        doc.add(Ecs.RELATED_USER, login);
        int slash = login.indexOf('\\');
        int at = login.lastIndexOf('@');
        String user = null;
        String domain = null;
        if (slash > 0 && slash < login.length() - 1) {
            domain = login.substring(0, slash);
            user = login.substring(slash + 1);
        } else if (at > 0 && at < login.length() - 1) {
            user = login.substring(0, at);
            domain = login.substring(at + 1);
        }
        if (user != null) {
            doc.put(Ecs.USER_DOMAIN, domain);
            doc.put(Ecs.AIRFLOW_CONN_USER, user);
            doc.add(Ecs.RELATED_USER, user);
        }
    }

    /**
     * The extra JSON with secrets masked, as compact JSON text; null when absent or when it is a
     * string that is not JSON (nothing in it can be told apart from a secret, so none of it is
     * kept).
     */
    private static String maskedExtra(JsonNode extra) {
        if (extra == null) {
            return null;
        }
        ConnectionSecrets.MaskedExtra masked;
        if (extra.isTextual()) {
            if (extra.asText().isBlank()) {
                return null;
            }
            masked = ConnectionSecrets.maskExtraText(extra.asText());
        } else {
            masked = ConnectionSecrets.maskExtra(extra);
        }
        return masked == null ? null : ConnectionSecrets.json(masked.json());
    }
}
