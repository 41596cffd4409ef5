package dev.runtrail.sinks.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtrail.model.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IndexNamesTest {
    @Test
    void monthlyNamesUseUtcMonths() {
        assertThat(
                        IndexNames.monthly(
                                "runtrail", Kind.EVENTS, Instant.parse("2024-05-31T23:59:59Z")))
                .isEqualTo("runtrail-events-2024.05");
        assertThat(IndexNames.monthly("runtrail", Kind.RUNS, Instant.parse("2024-12-01T00:00:00Z")))
                .isEqualTo("runtrail-runs-2024.12");
        assertThat(IndexNames.pattern("rt", Kind.DEADLETTER)).isEqualTo("rt-deadletter-*");
    }

    @Test
    void badPrefixesAreExplained() {
        assertThatThrownBy(() -> IndexNames.checkPrefix(""))
                .hasMessage("The index prefix must not be empty.");
        assertThatThrownBy(() -> IndexNames.checkPrefix("_rt"))
                .hasMessage("The index prefix '_rt' must not start with '-', '_' or '+'.");
        assertThatThrownBy(() -> IndexNames.checkPrefix("rt*"))
                .hasMessage(
                        "The index prefix 'rt*' contains '*', which Elasticsearch does not allow in index names.");
        assertThat(IndexNames.checkPrefix("rt-test.1")).isEqualTo("rt-test.1");
    }
}
