package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.model.EcsDocument;

/** Turns one JSON object into an event, or says why it cannot. */
@FunctionalInterface
interface JsonRecordMapper {
    /**
     * @throws UnmappableRecord with a sentence naming what was expected
     */
    EcsDocument map(JsonNode record) throws UnmappableRecord;
}
