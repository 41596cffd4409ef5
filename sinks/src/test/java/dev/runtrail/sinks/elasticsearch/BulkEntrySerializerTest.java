package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class BulkEntrySerializerTest {

    @Test
    void bufferedEntriesSurviveACheckpoint() throws Exception {
        BulkEntry withVersion =
                new BulkEntry(
                        "rt-runs-2024.05",
                        "r1",
                        "{\"x\":\"é\"}".getBytes(StandardCharsets.UTF_8),
                        7L,
                        "runs",
                        2);
        BulkEntry plain =
                new BulkEntry(
                        "rt-events-2024.05",
                        "e1",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        null,
                        "events",
                        0);
        BufferedRequestState<BulkEntry> state =
                new BufferedRequestState<>(
                        List.of(
                                new RequestEntryWrapper<>(withVersion, withVersion.sizeInBytes()),
                                new RequestEntryWrapper<>(plain, plain.sizeInBytes())));
        BulkEntrySerializer serializer = new BulkEntrySerializer();

        BufferedRequestState<BulkEntry> back =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        List<BulkEntry> entries =
                back.getBufferedRequestEntries().stream()
                        .map(RequestEntryWrapper::getRequestEntry)
                        .toList();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).index()).isEqualTo("rt-runs-2024.05");
        assertThat(entries.get(0).id()).isEqualTo("r1");
        assertThat(entries.get(0).version()).isEqualTo(7L);
        assertThat(entries.get(0).attempts()).isEqualTo(2);
        assertThat(new String(entries.get(0).source(), StandardCharsets.UTF_8))
                .isEqualTo("{\"x\":\"é\"}");
        assertThat(entries.get(1).version()).isNull();
        assertThat(entries.get(1).kind()).isEqualTo("events");
    }
}
