package dev.runtrail.ingest.flink;

import dev.runtrail.ingest.CountingInputStream;
import dev.runtrail.ingest.Documents;
import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Reads whole files with runtrail's parsers inside Flink's {@code FileSource}: detects each file's
 * format (or uses the configured one) and emits events and dead letters (as {@link
 * dev.runtrail.model.Kind#DEADLETTER} documents) in file order. Positions count records, and
 * parsing is deterministic, so a restored reader re-reads the file and skips what was emitted.
 */
public final class ParsedFileFormat implements BulkFormat<EcsDocument, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 256;

    private final String formatName;

    /**
     * @param formatName a format to force for every file, or null to detect per file
     */
    public ParsedFileFormat(String formatName) {
        this.formatName = formatName;
    }

    @Override
    public Reader<EcsDocument> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new FileReader(split, formatName, 0);
    }

    @Override
    public Reader<EcsDocument> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new FileReader(split, formatName, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<EcsDocument> getProducedType() {
        return EcsDocumentTypeInfo.INSTANCE;
    }

    /** Converts what a parser yields into the one element type the job carries, redacted. */
    public static EcsDocument toDocument(Parsed parsed) {
        return Documents.finish(parsed, Instant.now());
    }

    /**
     * Reads one split. Progress counts the split's own bytes as stored: the bytes the parser has
     * consumed since the split's start (for a gzip file, the compressed bytes read from it), never
     * more than the split's length, and the whole length once the split is done. The parser's count
     * alone does not serve a gzip file, since it counts decompressed bytes.
     */
    private static final class FileReader implements Reader<EcsDocument> {
        private final RecordReader records;
        private final long splitBytes;
        private final boolean compressed;
        private final long[] fileBytesRead = new long[1];

        /** The parser's byte count at the split's start (an EVTX split counts from the file's). */
        private final long parserBytesAtStart;

        private long emitted;
        private long bytesReported;

        FileReader(FileSourceSplit split, String formatName, long skip) throws IOException {
            Path path = split.path();
            FileSystem fs = path.getFileSystem();
            String name = path.toUri().getPath();
            this.splitBytes = split.length();
            long fileSize = split.fileSize();
            InputSource input =
                    InputSource.decompressing(
                            SourceRef.of(name),
                            name,
                            fileSize,
                            () -> new CountingInputStream(fs.open(path), fileBytesRead));
            if (!EvtxSplits.isPartial(split.offset(), split.length(), fileSize)) {
                this.records = FileParser.open(input, formatName);
            } else {
                this.records =
                        FileRanges.reader(
                                input,
                                offset -> {
                                    FSDataInputStream in = fs.open(path);
                                    in.seek(offset);
                                    return in;
                                },
                                split.offset(),
                                split.length(),
                                formatName,
                                name + '@' + split.fileModificationTime() + '/' + fileSize);
            }
            this.compressed = input.length() < 0;
            this.parserBytesAtStart = records.bytesRead();
            for (; emitted < skip; emitted++) {
                if (records.next() == null) {
                    break;
                }
            }
        }

        @Override
        public RecordIterator<EcsDocument> readBatch() throws IOException {
            EcsDocument[] batch = new EcsDocument[BATCH];
            int n = 0;
            long first = emitted;
            while (n < BATCH) {
                Parsed parsed = records.next();
                if (parsed == null) {
                    break;
                }
                batch[n++] = toDocument(parsed);
            }
            long read = compressed ? fileBytesRead[0] : records.bytesRead() - parserBytesAtStart;
            long bytes = n == 0 ? splitBytes : Math.max(bytesReported, Math.min(read, splitBytes));
            IngestProgress.add(bytes - bytesReported, n);
            bytesReported = bytes;
            if (n == 0) {
                return null;
            }
            emitted += n;
            ArrayResultIterator<EcsDocument> iterator = new ArrayResultIterator<>();
            iterator.set(batch, n, CheckpointedPosition.NO_OFFSET, first);
            return iterator;
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }
}
