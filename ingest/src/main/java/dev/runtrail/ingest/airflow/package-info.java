/**
 * Parsers for Airflow's own records, each a {@link dev.runtrail.ingest.Format}:
 *
 * <ul>
 *   <li>{@link dev.runtrail.ingest.airflow.AirflowTaskLogFormat} ({@code airflow-task-log}): 1.10
 *       and 2.x text task logs, {@code [ts] {file.py:line} LEVEL - message}; continuation lines
 *       (tracebacks, multi-line output) stay with their record.
 *   <li>{@link dev.runtrail.ingest.airflow.AirflowJsonTaskLogFormat} ({@code airflow-task-json}):
 *       Airflow 3 structlog JSON lines.
 *   <li>{@link dev.runtrail.ingest.airflow.AirflowEsTaskLogFormat} ({@code airflow-es-json}): the
 *       Elasticsearch task handler's JSON lines; ids from {@code log_id} + offset.
 *   <li>{@link dev.runtrail.ingest.airflow.AirflowEventLogFormat} ({@code airflow-eventlog-json}):
 *       {@code /api/v1|v2/eventLogs} responses or one record per line ({@code airflow.audit}).
 *   <li>{@link dev.runtrail.ingest.airflow.AirflowDagRunFormat} ({@code airflow-dagrun-json}):
 *       {@code dagRuns} list responses, single runs, arrays or one run per line ({@code
 *       airflow.dagrun}).
 *   <li>{@link dev.runtrail.ingest.airflow.AirflowConnectionsFormat} ({@code airflow-connections}):
 *       {@code airflow connections export} files (JSON, YAML, env URIs) and {@code
 *       /api/v1|v2/connections} responses, one {@code airflow.connection} state event per
 *       connection; passwords and secret {@code extra} keys are masked in {@code event.original}
 *       and never read into a field.
 * </ul>
 *
 * <p>Task log events carry the attempt identity from the line when it has one, else from the file
 * path ({@link dev.runtrail.ingest.airflow.LogPathTemplate}: the 2.3+/3.x, 2.0-2.2 and 1.10
 * templates, plus a configurable one, {@link
 * dev.runtrail.ingest.airflow.AirflowOptions#LOG_FILENAME_TEMPLATE}), and the attempt facts of the
 * event contract ({@code event.action} = task-started, task-host, task-pid, remote-connection,
 * task-finished, task-exited) on the lines where Airflow and its hooks state them.
 *
 * <p>Positions: line formats use the byte offset of the record's first line; whole JSON documents
 * use the byte offset of each element's opening brace.
 */
package dev.runtrail.ingest.airflow;
