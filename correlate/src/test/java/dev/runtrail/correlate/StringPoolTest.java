package dev.runtrail.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StringPoolTest {
    @Test
    void equalStringsBecomeOneInstance() {
        StringPool pool = new StringPool(8);
        String first = new String("CORP");
        String second = new String("CORP");
        assertThat(second).isNotSameAs(first);
        assertThat(pool.intern(first)).isSameAs(first);
        assertThat(pool.intern(second)).isSameAs(first);
        assertThat(pool.intern(null)).isNull();
        assertThat(pool.size()).isEqualTo(1);
    }

    @Test
    void aFullPoolStartsOverInsteadOfGrowing() {
        StringPool pool = new StringPool(3);
        for (int i = 0; i < 10; i++) {
            pool.intern("host-" + i);
            assertThat(pool.size()).isLessThanOrEqualTo(3);
        }
        String again = new String("host-9");
        assertThat(pool.intern(again)).isEqualTo("host-9").isNotSameAs(again);
    }

    @Test
    void aPoolNeedsRoom() {
        assertThatThrownBy(() -> new StringPool(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A string pool needs a positive capacity, got 0.");
    }
}
