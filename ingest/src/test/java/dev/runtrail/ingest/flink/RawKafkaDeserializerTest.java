package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RawRecords;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import dev.runtrail.model.Kind;
import dev.runtrail.model.SourceRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RawKafkaDeserializerTest {
    private static final String PATH = "/exports/proxy/access.log";
    private static final String FIRST =
            "10.0.0.1 - alice [01/May/2024:12:00:00 +0000] \"GET /home HTTP/1.1\" 200 12 \"-\""
                    + " \"curl/8\"";
    private static final String SECOND =
            "10.0.0.2 - bob [01/May/2024:12:00:01 +0000] \"POST /api/v1/dags/etl/dagRuns"
                    + " HTTP/1.1\" 200 40 \"-\" \"curl/8\"";

    private static ConsumerRecord<byte[], byte[]> record(
            long kafkaOffset, String value, String... headers) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(
                    headers[i],
                    headers[i + 1] == null
                            ? null
                            : headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(
                "runtrail.raw.proxy",
                1,
                kafkaOffset,
                0L,
                TimestampType.CREATE_TIME,
                0,
                value.length(),
                null,
                value.getBytes(StandardCharsets.UTF_8),
                h,
                Optional.empty());
    }

    /** A record without a path is placed by its topic, partition and Kafka offset. */
    private static void assertPlacedByKafka(EcsDocument doc, long kafkaOffset) {
        assertThat(doc.getString(Ecs.RUNTRAIL_SOURCE)).isEqualTo("runtrail.raw.proxy/1");
        assertThat(doc.getLong(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(kafkaOffset);
    }

    private static List<EcsDocument> deserialize(ConsumerRecord<byte[], byte[]> record)
            throws Exception {
        return deserialize(new RawKafkaDeserializer(), record);
    }

    private static List<EcsDocument> deserialize(
            RawKafkaDeserializer deserializer, ConsumerRecord<byte[], byte[]> record)
            throws Exception {
        List<EcsDocument> out = new ArrayList<>();
        deserializer.deserialize(
                record,
                new Collector<>() {
                    @Override
                    public void collect(EcsDocument doc) {
                        out.add(doc);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }

    @Test
    void aShippedLineGetsTheIdsAndPositionOfTheSameLineReadFromItsFile() throws Exception {
        String file = FIRST + "\n" + SECOND + "\n";
        List<EcsDocument> fromFile =
                TestReading.readAll(
                                Formats.byName("nginx-combined").orElseThrow(),
                                InputSource.of(
                                        SourceRef.of(PATH),
                                        PATH,
                                        file.getBytes(StandardCharsets.UTF_8)))
                        .stream()
                        .map(ParsedFileFormat::toDocument)
                        .toList();
        long secondOffset = FIRST.length() + 1;

        List<EcsDocument> shipped =
                deserialize(
                        record(
                                7,
                                SECOND,
                                RawRecords.HEADER_PATH,
                                PATH,
                                RawRecords.HEADER_OFFSET,
                                Long.toString(secondOffset),
                                RawRecords.HEADER_FORMAT,
                                "nginx-combined"));

        assertThat(shipped).hasSize(1);
        EcsDocument doc = shipped.get(0);
        assertThat(doc.kind()).isEqualTo(Kind.EVENTS);
        assertThat(doc.id()).isEqualTo(fromFile.get(1).id());
        assertThat(doc.getString(Ecs.RUNTRAIL_SOURCE)).isEqualTo(PATH);
        assertThat(doc.getLong(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(secondOffset);
        assertThat(doc.getString(Ecs.USER_NAME)).isEqualTo("bob");
    }

    @Test
    void aRepeatedHeaderCountsByItsLastValue() throws Exception {
        List<EcsDocument> docs =
                deserialize(
                        record(
                                7,
                                FIRST,
                                RawRecords.HEADER_FORMAT,
                                "no-such-format",
                                RawRecords.HEADER_PATH,
                                "/old/path.log",
                                RawRecords.HEADER_PATH,
                                PATH,
                                RawRecords.HEADER_FORMAT,
                                "nginx-combined"));

        assertThat(docs)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.kind()).isEqualTo(Kind.EVENTS);
                            assertThat(d.getString(Ecs.RUNTRAIL_SOURCE)).isEqualTo(PATH);
                            assertThat(d.getString(Ecs.RUNTRAIL_FORMAT))
                                    .isEqualTo("nginx-combined");
                        });
    }

    /** One deserializer reads records of two attempts' files in turn, then one without headers. */
    @Test
    void eachRecordKeepsItsOwnFileAndAttemptWhateverTheRecordBeforeCameFrom() throws Exception {
        String first = "/logs/dag_id=etl/run_id=manual__1/task_id=load/attempt=1.log";
        String second = "/logs/dag_id=etl/run_id=manual__1/task_id=load/attempt=2.log";
        String line = "[2024-05-01T12:00:00.000+0000] {taskinstance.py:1234} INFO - Starting";
        RawKafkaDeserializer deserializer = new RawKafkaDeserializer();
        List<EcsDocument> docs = new ArrayList<>();
        for (String path : List.of(first, second, first)) {
            docs.addAll(
                    deserialize(
                            deserializer,
                            record(
                                    docs.size(),
                                    line,
                                    RawRecords.HEADER_PATH,
                                    path,
                                    RawRecords.HEADER_OFFSET,
                                    "0",
                                    RawRecords.HEADER_FORMAT,
                                    "airflow-task-log")));
        }
        docs.addAll(deserialize(deserializer, record(3, FIRST)));

        assertThat(docs).hasSize(4);
        long[] tries = {1, 2, 1};
        List<String> paths = List.of(first, second, first);
        for (int i = 0; i < 3; i++) {
            EcsDocument doc = docs.get(i);
            assertThat(doc.kind()).isEqualTo(Kind.EVENTS);
            assertThat(doc.getString(Ecs.RUNTRAIL_SOURCE)).isEqualTo(paths.get(i));
            assertThat(doc.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(tries[i]);
            assertThat(doc.getString(Ecs.RUNTRAIL_RUN_KEY)).isEqualTo(Keys.run("etl", "manual__1"));
            assertThat(doc.getString(Ecs.RUNTRAIL_ATTEMPT_KEY))
                    .isEqualTo(Keys.attempt("etl", "manual__1", "load", -1, tries[i]));
        }
        assertThat(docs.get(0).id()).isEqualTo(docs.get(2).id()).isNotEqualTo(docs.get(1).id());
        assertPlacedByKafka(docs.get(3), 3);
    }

    @Test
    void aPathHeaderRepeatedWithoutAValueLeavesTheRecordWithoutAPath() throws Exception {
        List<EcsDocument> docs =
                deserialize(
                        record(
                                5,
                                FIRST,
                                RawRecords.HEADER_PATH,
                                PATH,
                                RawRecords.HEADER_PATH,
                                null,
                                RawRecords.HEADER_FORMAT,
                                "nginx-combined"));

        assertThat(docs).singleElement().satisfies(d -> assertPlacedByKafka(d, 5));
    }

    @Test
    void withoutHeadersTheRecordIsPlacedByTopicPartitionAndOffset() throws Exception {
        List<EcsDocument> docs = deserialize(record(42, FIRST));

        assertThat(docs)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.kind()).isEqualTo(Kind.EVENTS);
                            assertPlacedByKafka(d, 42);
                            assertThat(d.getString(Ecs.USER_NAME)).isEqualTo("alice");
                        });
    }

    @Test
    void anOffsetHeaderThatIsNoNumberDeadLettersTheRecordNamingWhereItWas() throws Exception {
        List<EcsDocument> docs =
                deserialize(
                        record(
                                9,
                                FIRST,
                                RawRecords.HEADER_PATH,
                                PATH,
                                RawRecords.HEADER_OFFSET,
                                "12a"));

        assertThat(docs)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.kind()).isEqualTo(Kind.DEADLETTER);
                            assertThat(d.getString(Ecs.ERROR_MESSAGE))
                                    .contains(RawRecords.HEADER_OFFSET)
                                    .contains("'12a'")
                                    .contains("runtrail.raw.proxy/1 offset 9");
                        });
    }
}
