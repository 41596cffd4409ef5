package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.EcsDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress the file readers report counts the bytes of the files as stored: a gzip file's
 * compressed size, each range of a cut file once, never more than the inputs hold.
 */
class ParsedFileFormatTest {
    @TempDir java.nio.file.Path dir;

    @BeforeEach
    void startCounting() {
        IngestProgress.reset();
    }

    private static String proxyLines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(FileRangesTest.proxyLine(i)).append('\n');
        }
        return text.toString();
    }

    /** Progress after each batch of the last {@link #readAll}, the final report included. */
    private final List<Long> progressByBatch = new ArrayList<>();

    /** Reads a split to its end; checks after each batch that progress stays within the bound. */
    private long readAll(FileSourceSplit split, long progressBound) throws IOException {
        progressByBatch.clear();
        long records = 0;
        try (BulkFormat.Reader<EcsDocument> reader =
                new ParsedFileFormat(null).createReader(new Configuration(), split)) {
            for (BulkFormat.RecordIterator<EcsDocument> batch;
                    (batch = reader.readBatch()) != null; ) {
                for (RecordAndPosition<EcsDocument> r; (r = batch.next()) != null; ) {
                    records++;
                }
                batch.releaseBatch();
                assertThat(IngestProgress.bytes()).isBetween(0L, progressBound);
                progressByBatch.add(IngestProgress.bytes());
            }
        }
        progressByBatch.add(IngestProgress.bytes());
        return records;
    }

    /** Progress rose batch by batch: never back, and through values short of the split's end. */
    private void assertGradual(long from, long to) {
        assertThat(progressByBatch).isSorted();
        assertThat(progressByBatch.stream().filter(p -> p > from && p < to).distinct())
                .as("distinct progress between %d and %d, batch by batch", from, to)
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aGzipFileCountsItsCompressedBytes() throws IOException {
        java.nio.file.Path file = dir.resolve("oauth2-proxy.log.gz");
        byte[] text = proxyLines(20_000).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text);
        }
        long size = Files.size(file);
        assertThat(size).isLessThan(text.length / 4);

        long records =
                readAll(new FileSourceSplit("gz", new Path(file.toUri()), 0, size, 0, size), size);

        assertThat(records).isEqualTo(20_000);
        assertThat(IngestProgress.records()).isEqualTo(20_000);
        assertThat(IngestProgress.bytes()).isEqualTo(size);
        assertGradual(0, size);
    }

    @Test
    void theRangesOfACutFileAddUpToItsSize() throws IOException {
        java.nio.file.Path file = dir.resolve("oauth2-proxy.log");
        Files.writeString(file, proxyLines(3_000), StandardCharsets.US_ASCII);
        long size = Files.size(file);
        long range = size / 3 + 1;

        long records = 0;
        long before = 0;
        for (long offset = 0; offset < size; offset += range) {
            long length = Math.min(range, size - offset);
            records +=
                    readAll(
                            new FileSourceSplit(
                                    "r" + offset, new Path(file.toUri()), offset, length, 0, size),
                            before + length);
            assertThat(IngestProgress.bytes() - before)
                    .as("progress of the range at %d", offset)
                    .isEqualTo(length);
            assertGradual(before, before + length);
            before = IngestProgress.bytes();
        }

        assertThat(records).isEqualTo(3_000);
        assertThat(IngestProgress.bytes()).isEqualTo(size);
    }

    @Test
    void aLinkNamedAsInputIsReadAsItsTarget() throws IOException {
        java.nio.file.Path target = dir.resolve("oauth2-proxy.log");
        Files.writeString(target, proxyLines(2_000), StandardCharsets.US_ASCII);
        java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("current.log"), target);
        long size = Files.size(target);

        List<FileSourceSplit> splits =
                new ArrayList<>(
                        LocalFileEnumerator.PROVIDER
                                .create()
                                .enumerateSplits(new Path[] {new Path(link.toUri())}, 1));

        assertThat(splits).singleElement().satisfies(s -> assertThat(s.fileSize()).isEqualTo(size));
        assertThat(readAll(splits.get(0), size)).isEqualTo(2_000);
        assertThat(IngestProgress.bytes()).isEqualTo(size);
    }
}
