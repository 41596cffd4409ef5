package dev.runtrail.sinks.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingValidatorTest {

    /** Every field name constant of {@link Ecs}, read by reflection so new ones are covered. */
    static List<String> allEcsFields() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : Ecs.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String name = (String) f.get(null);
                names.add(name.endsWith(".") ? name + "TargetUserName" : name);
            }
        }
        return names;
    }

    /** A realistic value for a field, chosen by what the field means (not by the template). */
    static Object sampleValue(String field) {
        return switch (field) {
            case "@timestamp",
                    "event.created",
                    "event.ingested",
                    "event.start",
                    "event.end",
                    "airflow.logical_date",
                    "runtrail.key_time" ->
                    Instant.parse("2024-05-01T12:00:03Z");
            case "source.ip", "related.ip" -> "10.0.0.5";
            case "destination.ip" -> "fe80::1";
            case "host.ip" -> List.of("192.168.1.20", "::1");
            case "source.port",
                    "destination.port",
                    "process.pid",
                    "process.parent.pid",
                    "process.thread.id",
                    "process.exit_code",
                    "winlog.process.pid",
                    "winlog.process.thread.id",
                    "http.response.status_code",
                    "http.response.body.bytes",
                    "airflow.map_index",
                    "airflow.try_number",
                    "runtrail.revision",
                    "runtrail.source.position",
                    "log.offset",
                    "log.origin.file.line",
                    "event.duration",
                    "event.sequence",
                    "event.severity",
                    "winlog.version",
                    "winlog.event_id",
                    "winlog.record_id" ->
                    42L;
            case "runtrail.match.confidence" -> 0.9;
            case "tags",
                    "related.user",
                    "related.hosts",
                    "runtrail.soc2.controls",
                    "event.category",
                    "event.type",
                    "runtrail.redacted" ->
                    List.of("a", "b");
            default -> "text for " + field;
        };
    }

    @Test
    void aDocumentWithEveryEcsFieldIsValid() throws Exception {
        EcsDocument doc = EcsDocument.event("id-1");
        for (String field : allEcsFields()) {
            doc.put(field, sampleValue(field));
        }
        assertThat(doc.fields()).hasSizeGreaterThan(100);
        assertThat(MappingValidator.violations(doc)).isEmpty();
    }

    @Test
    void valuesTheIndexWouldRefuseAreReported() {
        EcsDocument doc = EcsDocument.event("id-2");
        doc.put(Ecs.PROCESS_PID, "abc");
        doc.put(Ecs.SOURCE_IP, "-");
        doc.put(Ecs.TIMESTAMP, "yesterday");
        doc.put("runtrail.custom_time", Instant.parse("2024-05-01T00:00:00Z"));
        doc.put(Ecs.WINLOG_EVENT_DATA + "ProcessId", "0x1f4");
        List<String> problems = MappingValidator.violations(doc);
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "Field process.pid is mapped as LONG but holds String 'abc': expected a whole number.",
                        "Field source.ip is mapped as IP but holds String '-': expected an IPv4 or IPv6 literal.",
                        "Field @timestamp is mapped as DATE but holds String 'yesterday': expected an ISO-8601 instant.",
                        "Field runtrail.custom_time holds an instant but is not mapped as a date; add it to EcsMappings.FIELDS.");
    }

    @Test
    void aDocumentNeedsAnId() {
        assertThat(MappingValidator.violations(new EcsDocument(Kind.RUNS, null)))
                .containsExactly(
                        "The document has no id; every runtrail document needs a deterministic id.");
    }

    @Test
    void deadLettersOnlyCheckTheFieldsTheirIndexMaps() {
        EcsDocument dl = new EcsDocument(Kind.DEADLETTER, "d1");
        dl.put("process.anything", List.of("x"));
        dl.put("runtrail.raw.length", "not a number");
        assertThat(MappingValidator.violations(dl))
                .containsExactly(
                        "Field runtrail.raw.length is mapped as LONG but holds String 'not a number': expected a whole number.");
    }

    @Test
    void ipLiterals() {
        assertThat(IpLiterals.isIp("10.0.0.1")).isTrue();
        assertThat(IpLiterals.isIp("255.255.255.255")).isTrue();
        assertThat(IpLiterals.isIp("::1")).isTrue();
        assertThat(IpLiterals.isIp("fe80::1%eth0")).isTrue();
        assertThat(IpLiterals.isIp("2001:db8:0:0:0:0:2:1")).isTrue();
        assertThat(IpLiterals.isIp("::ffff:10.0.0.1")).isTrue();
        assertThat(IpLiterals.isIp("256.0.0.1")).isFalse();
        assertThat(IpLiterals.isIp("10.0.0")).isFalse();
        assertThat(IpLiterals.isIp("-")).isFalse();
        assertThat(IpLiterals.isIp("host01")).isFalse();
        assertThat(IpLiterals.isIp("1::2::3")).isFalse();
        assertThat(IpLiterals.isIp("1:2:3")).isFalse();
    }
}
