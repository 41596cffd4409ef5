package dev.runtrail.ingest.airflow;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Base of the formats for Airflow REST API list responses: a file is recognised by the list's key
 * ({@code "dag_runs"}) or, less surely, by the record id field, and read by {@link ApiJson}.
 */
abstract class ApiJsonFormat implements Format {
    private final String name;
    private final String dataset;
    private final String listKey;
    private final String quotedListKey;
    private final String quotedIdField;
    private final Supplier<JsonRecordMapper> mapper;
    private final String expected;

    /**
     * @param listKey the list field of the API's list response
     * @param idField a field every record has and other formats lack
     * @param expected what a record is, for dead-letter reasons
     */
    ApiJsonFormat(
            String name,
            String dataset,
            String listKey,
            String idField,
            Supplier<JsonRecordMapper> mapper,
            String expected) {
        this.name = name;
        this.dataset = dataset;
        this.listKey = listKey;
        this.quotedListKey = "\"" + listKey + "\"";
        this.quotedIdField = "\"" + idField + "\"";
        this.mapper = mapper;
        this.expected = expected;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String dataset() {
        return dataset;
    }

    @Override
    public final int sniff(String fileName, byte[] head) {
        if (!Sniff.startsJson(head)) {
            return 0;
        }
        if (Sniff.contains(head, quotedListKey)) {
            return 95;
        }
        return Sniff.contains(head, quotedIdField) ? 85 : 0;
    }

    @Override
    public final RecordReader open(InputSource input) throws IOException {
        return ApiJson.open(input, name, dataset, Set.of(listKey), mapper.get(), expected);
    }
}
