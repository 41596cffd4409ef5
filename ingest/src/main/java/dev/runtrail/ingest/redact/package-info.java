/**
 * Redaction of secrets inside ingested text ({@link dev.runtrail.ingest.redact.Redactor}); the
 * rules are data ({@code rules.yaml} in this package's resources).
 */
package dev.runtrail.ingest.redact;
