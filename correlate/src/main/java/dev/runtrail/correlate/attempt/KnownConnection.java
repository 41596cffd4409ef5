package dev.runtrail.correlate.attempt;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;

/**
 * Host and login of one Airflow connection, as the connections export wrote them. A Flink POJO kept
 * in broadcast state; passwords are never read.
 */
public class KnownConnection {
    public String host;
    public String login;

    public KnownConnection() {}

    /** The connection an {@code airflow.connection} event describes, or null without a conn id. */
    public static KnownConnection of(EcsDocument e) {
        if (e.getString(Ecs.AIRFLOW_CONN_ID) == null) {
            return null;
        }
        KnownConnection c = new KnownConnection();
        c.host = e.getString(Ecs.DESTINATION_DOMAIN);
        if (c.host == null) {
            c.host = e.getString(Ecs.DESTINATION_IP);
        }
        c.login = e.getString(Ecs.USER_NAME);
        if (c.login == null) {
            c.login = e.getString(Ecs.AIRFLOW_CONN_USER);
        }
        return c;
    }
}
