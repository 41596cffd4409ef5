package dev.runtrail.ingest.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven: which requests are Airflow actions, and which look alike but are not. */
class AirflowEndpointsTest {

    @ParameterizedTest(name = "{0} {1}?{2} -> {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "~",
            textBlock =
                    """
            # method | path                                                       | query                          | action           | dag_id        | run_id                       | task_id | api
            POST   | /dags/etl_daily/trigger                                      | ~                              | trigger          | etl_daily     | ~                            | ~       | ui2
            POST   | /airflow/dags/etl_daily/trigger                              | ~                              | trigger          | etl_daily     | ~                            | ~       | ui2
            POST   | /trigger                                                     | dag_id=etl_daily&origin=%2Fhome | trigger         | etl_daily     | ~                            | ~       | ui2
            POST   | /a/b/c/trigger                                               | dag_id=my+dag                  | trigger          | my dag        | ~                            | ~       | ui2
            POST   | /clear                                                       | ~                              | clear            | ~             | ~                            | ~       | ui2
            POST   | /dagrun_clear                                                | ~                              | clear            | ~             | ~                            | ~       | ui2
            POST   | /success                                                     | dag_id=d&task_id=t&dag_run_id=r | mark_success    | d             | r                            | t       | ui2
            POST   | /failed                                                      | ~                              | mark_failed      | ~             | ~                            | ~       | ui2
            POST   | /dagrun_failed                                               | ~                              | mark_failed      | ~             | ~                            | ~       | ui2
            POST   | /paused                                                      | is_paused=false&dag_id=d       | pause            | d             | ~                            | ~       | ui2
            POST   | /paused                                                      | is_paused=true&dag_id=d        | unpause          | d             | ~                            | ~       | ui2
            POST   | /paused                                                      | dag_id=d                       | pause_toggle     | d             | ~                            | ~       | ui2
            POST   | /delete                                                      | dag_id=old_dag                 | delete_dag       | old_dag       | ~                            | ~       | ui2
            POST   | /connection/add                                              | ~                              | connection_create | ~            | ~                            | ~       | ui2
            POST   | /connection/edit/12                                          | ~                              | connection_edit  | ~             | ~                            | ~       | ui2
            POST   | /connection/delete/12                                        | ~                              | connection_delete | ~            | ~                            | ~       | ui2
            POST   | /variable/edit/3                                             | ~                              | variable_edit    | ~             | ~                            | ~       | ui2
            POST   | /variable/delete/3                                           | ~                              | variable_delete  | ~             | ~                            | ~       | ui2
            POST   | /dagrun/delete/42                                            | ~                              | delete_run       | ~             | ~                            | ~       | ui2
            POST   | /api/v1/dags/etl%2Edaily/dagRuns                              | ~                              | trigger          | etl.daily     | ~                            | ~       | v1
            POST   | /airflow/api/v1/dags/etl/dagRuns                             | ~                              | trigger          | etl           | ~                            | ~       | v1
            PATCH  | /api/v1/dags/etl                                             | update_mask=is_paused          | pause_toggle     | etl           | ~                            | ~       | v1
            DELETE | /api/v1/dags/etl                                             | ~                              | delete_dag       | etl           | ~                            | ~       | v1
            POST   | /api/v1/dags/etl/clearTaskInstances                          | ~                              | clear            | etl           | ~                            | ~       | v1
            PATCH  | /api/v1/dags/etl/dagRuns/manual__2024-05-01T12%3A00%3A00%2B00%3A00 | ~                        | set_run_state    | etl           | manual__2024-05-01T12:00:00+00:00 | ~  | v1
            DELETE | /api/v1/dags/etl/dagRuns/scheduled__2024-05-01T00:00:00+00:00 | ~                             | delete_run       | etl           | scheduled__2024-05-01T00:00:00+00:00 | ~ | v1
            POST   | /api/v1/dags/etl/dagRuns/r1/clear                            | ~                              | clear            | etl           | r1                           | ~       | v1
            PATCH  | /api/v1/dags/etl/dagRuns/r1/taskInstances/load               | ~                              | set_task_state   | etl           | r1                           | load    | v1
            POST   | /api/v1/connections                                          | ~                              | connection_create | ~            | ~                            | ~       | v1
            PATCH  | /api/v1/connections/winrm_default                            | ~                              | connection_edit  | ~             | ~                            | ~       | v1
            DELETE | /api/v1/variables/api_key                                    | ~                              | variable_delete  | ~             | ~                            | ~       | v1
            POST   | /api/v2/dags/etl/dagRuns                                     | ~                              | trigger          | etl           | ~                            | ~       | v2
            PATCH  | /api/v2/dags/etl                                             | ~                              | pause_toggle     | etl           | ~                            | ~       | v2
            PATCH  | /api/v2/dags                                                 | dag_id_pattern=etl%25          | pause_toggle     | ~             | ~                            | ~       | v2
            PATCH  | /api/v2/dags/etl/dagRuns/r2                                  | ~                              | set_run_state    | etl           | r2                           | ~       | v2
            PUT    | /api/v2/variables/x                                          | ~                              | variable_edit    | ~             | ~                            | ~       | v2
            POST   | /run                                                         | dag_id=etl&task_id=load        | run_task         | etl           | ~                            | load    | ui2
            POST   | /users/add                                                   | ~                              | user_create      | ~             | ~                            | ~       | ui2
            POST   | /roles/edit/4                                                | ~                              | role_edit        | ~             | ~                            | ~       | ui2
            POST   | /api/v1/users                                                | ~                              | user_create      | ~             | ~                            | ~       | v1
            DELETE | /api/v2/roles/Op                                             | ~                              | role_delete      | ~             | ~                            | ~       | v2
            post   | /ui/base/api/v2/dags/%E6%97%A5%E6%AC%A1/dagRuns              | ~                              | trigger          | 日次           | ~                            | ~       | v2
            """)
    void recognisesActions(
            String method,
            String path,
            String query,
            String action,
            String dagId,
            String runId,
            String taskId,
            String api) {
        Optional<AirflowEndpoints.Action> a = AirflowEndpoints.match(method, path, query);
        assertThat(a).isPresent();
        assertThat(a.get().action()).isEqualTo(action);
        assertThat(a.get().dagId()).isEqualTo(dagId);
        assertThat(a.get().runId()).isEqualTo(runId);
        assertThat(a.get().taskId()).isEqualTo(taskId);
        assertThat(a.get().apiVersion()).isEqualTo(api);
    }

    @ParameterizedTest(name = "{0} {1}?{2} is not an action")
    @CsvSource(
            delimiter = '|',
            nullValues = "~",
            textBlock =
                    """
            GET    | /dags/etl/trigger                    | ~
            GET    | /trigger                             | dag_id=etl
            HEAD   | /api/v1/dags/etl/dagRuns             | ~
            GET    | /api/v1/dags/etl/dagRuns             | ~
            GET    | /api/v2/dags/etl                     | ~
            GET    | /connection/add                      | ~
            GET    | /connection/list/                    | ~
            POST   | /api/v1/connections/test             | ~
            POST   | /api/v1/dags/etl/dagRuns/list        | ~
            POST   | /api/v1/dags/~/dagRuns/list          | ~
            POST   | /login/                              | ~
            POST   | /oauth2/callback                     | ~
            POST   | /api/v3/dags/etl/dagRuns             | ~
            POST   | /dags/etl/trigger/extra              | ~
            POST   | /dags/etl/graph                      | ~
            POST   | /api/v1/dags/etl/dagRuns/r1/taskInstances/t/logs | ~
            DELETE | /api/v1/dagsx/etl                    | ~
            GET    | /users/list/                         | ~
            GET    | /api/v1/users/bob                    | ~
            POST   | /users/show/3                        | ~
            """)
    void ignoresLookAlikes(String method, String path, String query) {
        assertThat(AirflowEndpoints.match(method, path, query)).isEmpty();
    }

    @Test
    void failedRequestKeepsTheActionAndIsMarkedByOutcome() {
        EcsDocument doc = EcsDocument.event("x");
        doc.put(Ecs.HTTP_REQUEST_METHOD, "POST");
        ProxyFields.target(doc, "/api/v1/dags/etl/dagRuns");
        ProxyFields.status(doc, 403);
        ProxyFields.airflow(doc);
        assertThat(doc.getString(Ecs.AIRFLOW_ACTION)).isEqualTo("trigger");
        assertThat(doc.getString(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(doc.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(403L);
    }

    @Test
    void decodesPercentEscapesAsUtf8AndKeepsMalformedOnes() {
        assertThat(Urls.decode("a%2Fb%ZZc%")).isEqualTo("a/b%ZZc%");
        assertThat(Urls.decode("%C3%A9t%C3%A9")).isEqualTo("été");
        assertThat(AirflowEndpoints.queryParam("a=1&dag_id=x%20y&dag_id=z", "dag_id"))
                .isEqualTo("x y");
        assertThat(AirflowEndpoints.queryParam("xdag_id=1", "dag_id")).isNull();
    }
}
