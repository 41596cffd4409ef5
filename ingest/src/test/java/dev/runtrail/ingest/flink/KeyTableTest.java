package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTableTest {
    @Test
    void everyKeyIsFoundByItsNumberAlsoThroughAnotherStringInstance() {
        KeyTable table = KeyTable.current();
        assertThat(table.size()).isGreaterThan(100);
        for (int i = 0; i < table.size(); i++) {
            String key = table.key(i);
            assertThat(table.indexOf(key)).isEqualTo(i);
            // A copy with the same text (as read from JSON) finds the same number.
            assertThat(table.indexOf(new String(key.toCharArray()))).isEqualTo(i);
        }
    }

    @Test
    void namesOutsideTheTableAreNotFound() {
        KeyTable table = new KeyTable(List.of("a", "b", "host.name"));
        assertThat(table.indexOf("host.name")).isEqualTo(2);
        assertThat(table.indexOf("host.nam")).isEqualTo(-1);
        assertThat(table.indexOf("")).isEqualTo(-1);
        assertThat(new KeyTable(List.of()).indexOf("a")).isEqualTo(-1);
    }

    @Test
    void aNameListedTwiceIsRefused() {
        assertThatThrownBy(() -> new KeyTable(List.of("a", "b", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }
}
