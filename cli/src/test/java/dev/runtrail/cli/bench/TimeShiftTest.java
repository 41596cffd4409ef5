package dev.runtrail.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.EcsDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeShiftTest {
    static final Instant LOGON = Instant.parse("2024-05-01T07:00:00Z");

    @Test
    void everyInstantMovesAndTheIdChanges() {
        EcsDocument doc = EcsDocument.event("e1");
        doc.put("@timestamp", LOGON);
        doc.put("host.name", "WIN-DB01");
        doc.add("x.times", LOGON);
        doc.add("x.times", "not a time");
        TimeShift.shift(doc, Duration.ofDays(2), "~1");
        EcsDocument moved = doc;
        assertThat(moved.id()).isEqualTo("e1~1");
        assertThat(moved.getInstant("@timestamp")).isEqualTo(Instant.parse("2024-05-03T07:00:00Z"));
        assertThat(moved.getString("host.name")).isEqualTo("WIN-DB01");
        assertThat(moved.get("x.times"))
                .isEqualTo(List.of(Instant.parse("2024-05-03T07:00:00Z"), "not a time"));
    }

    @Test
    void periodIsWholeDaysLongerThanTheSpan() {
        assertThat(TimeShift.period(Duration.ofHours(20))).isEqualTo(Duration.ofDays(1));
        assertThat(TimeShift.period(Duration.ofHours(23).plusMinutes(30)))
                .isEqualTo(Duration.ofDays(2));
        assertThat(TimeShift.period(Duration.ofDays(3))).isEqualTo(Duration.ofDays(4));
    }

    @Test
    void daysForReachesTheWantedCount() {
        assertThat(ScenarioInput.daysFor(1, 10_000)).isEqualTo(1);
        assertThat(ScenarioInput.daysFor(10_000, 10_000)).isEqualTo(1);
        assertThat(ScenarioInput.daysFor(10_001, 10_000)).isEqualTo(2);
        assertThat(ScenarioInput.daysFor(1_000_000, 13_000)).isEqualTo(77);
    }
}
