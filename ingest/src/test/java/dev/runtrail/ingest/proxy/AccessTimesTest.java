package dev.runtrail.ingest.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The hand-written time parsers, checked against java.time. */
class AccessTimesTest {

    @Test
    void epochDayAgreesWithJavaTimeOverFourCenturies() {
        for (LocalDate d = LocalDate.of(1900, 1, 1); d.getYear() < 2300; d = d.plusDays(1)) {
            assertThat(AccessTimes.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .as(d.toString())
                    .isEqualTo(d.toEpochDay());
        }
    }

    @Test
    void commonLogFormatHonoursTheOffset() {
        assertThat(AccessTimes.clf("19/Mar/2015:17:20:19 -0400"))
                .isEqualTo(Instant.parse("2015-03-19T21:20:19Z"));
        assertThat(AccessTimes.clf("29/Feb/2024:00:00:00 +0530"))
                .isEqualTo(Instant.parse("2024-02-28T18:30:00Z"));
        assertThat(AccessTimes.clf("29/Feb/2023:00:00:00 +0000")).isNull();
        assertThat(AccessTimes.clf("31/Apr/2024:00:00:00 +0000")).isNull();
        assertThat(AccessTimes.clf("01/Foo/2024:00:00:00 +0000")).isNull();
        assertThat(AccessTimes.clf("01/Jan/2024:24:00:00 +0000")).isNull();
        assertThat(AccessTimes.clf("01/Jan/2024:00:00:00 0000")).isNull();
        assertThat(AccessTimes.clf("TIMELESS")).isNull();
    }

    @Test
    void goLogTimeUsesTheGivenOffset() {
        assertThat(AccessTimes.goLog("2021/09/15 06:21:42", 0))
                .isEqualTo(Instant.parse("2021-09-15T06:21:42Z"));
        assertThat(AccessTimes.goLog("2021/09/15 06:21:42", 7200))
                .isEqualTo(Instant.parse("2021-09-15T04:21:42Z"));
        assertThat(AccessTimes.goLog("2021-09-15 06:21:42", 0)).isNull();
        assertThat(AccessTimes.goLog("2021/13/15 06:21:42", 0)).isNull();
    }

    @Test
    void epochSecondsAndDurations() {
        assertThat(AccessTimes.epochSecondsFraction("1157689312.049"))
                .isEqualTo(Instant.ofEpochSecond(1157689312L, 49_000_000));
        assertThat(AccessTimes.epochSecondsFraction("1157689312"))
                .isEqualTo(Instant.ofEpochSecond(1157689312L));
        assertThat(AccessTimes.epochSecondsFraction("-1")).isNull();
        assertThat(AccessTimes.epochSecondsFraction("12.")).isNull();
        // beyond the last second an Instant holds (31556889864403199): no time, nothing thrown
        assertThat(AccessTimes.epochSecondsFraction("31556889864403199"))
                .isEqualTo(Instant.MAX.minusNanos(999_999_999));
        assertThat(AccessTimes.epochSecondsFraction("31556889864403200.5")).isNull();
        assertThat(AccessTimes.epochSecondsFraction("9223372036854775807")).isNull();
        assertThat(AccessTimes.secondsToNanos("3.942")).isEqualTo(3_942_000_000L);
        assertThat(AccessTimes.secondsToNanos("0.000")).isZero();
        assertThat(AccessTimes.secondsToNanos("x")).isEqualTo(-1);
        assertThat(JsonMapping.duration("0.081634s", 1_000_000_000L)).isEqualTo(81_634_000L);
        assertThat(JsonMapping.duration("226", 1_000_000L)).isEqualTo(226_000_000L);
        assertThat(JsonMapping.duration("15ms", 1L)).isEqualTo(15_000_000L);
    }
}
