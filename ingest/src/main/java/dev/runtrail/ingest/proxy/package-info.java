/**
 * Proxy access-log parsers: the identity-aware proxy in front of Airflow tells who sent each
 * request. Formats: {@link dev.runtrail.ingest.proxy.OAuth2ProxyFormat} (request, auth and standard
 * lines; v7, v5/v6 and legacy bitly layouts), {@link dev.runtrail.ingest.proxy.SquidFormat} (native
 * access.log), {@link dev.runtrail.ingest.proxy.NginxCombinedFormat} (combined, optional vhost,
 * optional trailing X-Forwarded-For), and JSON lines through a declarative {@link
 * dev.runtrail.ingest.proxy.JsonMapping}: {@link dev.runtrail.ingest.proxy.EnvoyJsonFormat}, {@link
 * dev.runtrail.ingest.proxy.NginxJsonFormat} and the configurable {@link
 * dev.runtrail.ingest.proxy.MappedJsonFormat} (shipped mappings: Pomerium, Teleport, Google IAP,
 * hoop.dev).
 *
 * <p>All share {@link dev.runtrail.ingest.proxy.ProxyFields} for the ECS fields and {@link
 * dev.runtrail.ingest.proxy.AirflowEndpoints} for the {@code airflow.*} action a request stands
 * for. Text formats are read with small forward-only tokenizers (no regular expressions); a line
 * that is not a record of the format (unknown shape, a time that is not a time, invalid JSON or
 * UTF-8) becomes a dead letter with its line number and a reason, and reading goes on.
 */
package dev.runtrail.ingest.proxy;
