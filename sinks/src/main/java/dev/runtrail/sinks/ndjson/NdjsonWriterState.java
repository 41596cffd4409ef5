package dev.runtrail.sinks.ndjson;

import java.util.List;

/** The checkpointed state of one NDJSON writer: the lengths of the files it writes. */
public record NdjsonWriterState(List<FileMark> marks) {
    public NdjsonWriterState {
        marks = List.copyOf(marks);
    }
}
