package dev.runtrail.ingest.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AirflowTimeTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2024-05-01 12:00:03,123|2024-05-01T12:00:03.123Z",
                "2024-05-01T12:00:03.123+0000|2024-05-01T12:00:03.123Z",
                "2024-05-01T12:00:03.123+0100|2024-05-01T11:00:03.123Z",
                "2024-05-01T12:00:03-05:30|2024-05-01T17:30:03Z",
                "2024-05-01T12:00:03Z|2024-05-01T12:00:03Z",
                "2022-03-13, 09:11:16 UTC|2022-03-13T09:11:16Z",
                "2024-07-23, 16:45:35 WEST|2024-07-23T15:45:35Z",
                "2024-01-10, 08:00:00 EST|2024-01-10T13:00:00Z",
                "2024-07-23, 16:45:35 Europe/Lisbon|2024-07-23T15:45:35Z",
                "20240723T154406|2024-07-23T15:44:06Z",
                "2020_08_19T14_26_07_226064|2020-08-19T14:26:07.226064Z",
                "2025-05-19T17:29:28.896786|2025-05-19T17:29:28.896786Z",
                "2021-12-30T07:36:37.752000+00:00|2021-12-30T07:36:37.752Z",
                "2024-02-29T23:59:59.999999999+00:00|2024-02-29T23:59:59.999999999Z",
                "1999-12-31 23:59:59,000|1999-12-31T23:59:59Z",
            })
    void readsEveryShapeAirflowWrites(String text, String expected) {
        assertThat(AirflowTime.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "hello",
                "2024-13-01 00:00:00",
                "2024-05-01 25:00:00",
                "2024-05-01 12:00",
                "2024-05-01T12:00:03+01:0x",
                "2024/05/01 12:00:03",
                "2024-05-01T12:00:03.+00:00",
                "manual__2024-05-01T12:00:03+00:00",
            })
    void rejectsWhatIsNotATimestamp(String text) {
        assertThat(AirflowTime.parse(text)).isNull();
    }

    @org.junit.jupiter.api.Test
    void unknownAbbreviationIsNullUnlessZoneIsIgnored() {
        String text = "2024-07-23, 16:45:35 XYZT";
        assertThat(AirflowTime.parse(text)).isNull();
        assertThat(AirflowTime.parseIgnoringZone(text, 0, text.length()))
                .isEqualTo(Instant.parse("2024-07-23T16:45:35Z"));
    }

    @org.junit.jupiter.api.Test
    void epochDayAgreesWithTheCalendar() {
        for (int year : new int[] {1900, 1970, 2000, 2024, 2100}) {
            for (int month = 1; month <= 12; month++) {
                assertThat(AirflowTime.epochDay(year, month, 1))
                        .isEqualTo(java.time.LocalDate.of(year, month, 1).toEpochDay());
            }
        }
    }
}
