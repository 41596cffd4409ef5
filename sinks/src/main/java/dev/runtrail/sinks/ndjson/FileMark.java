package dev.runtrail.sinks.ndjson;

/**
 * How long a file was at a checkpoint. On restore the file is cut back to this length, so lines
 * written after the checkpoint (and written again by the replay) do not appear twice.
 */
public record FileMark(String path, long length) {}
