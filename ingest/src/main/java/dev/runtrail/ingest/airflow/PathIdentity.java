package dev.runtrail.ingest.airflow;

import java.time.Instant;

/**
 * What a task log's file path says about the attempt it belongs to. Any part may be null when the
 * template in use does not carry it (the 1.10 and 2.0-2.2 templates have no run id, only the
 * logical date).
 *
 * @param mapIndex -1 when the path has no map index
 */
public record PathIdentity(
        String dagId,
        String runId,
        String taskId,
        long mapIndex,
        Long tryNumber,
        Instant logicalDate) {}
