package dev.runtrail.ingest.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringMemoTest {
    @Test
    void givesTheFunctionsResultForEveryInputAlsoWhenSlotsAreShared() {
        List<String> calls = new ArrayList<>();
        // two slots: most of these inputs share one with another
        StringMemo<String> memo =
                new StringMemo<>(
                        s -> {
                            calls.add(s);
                            return "<" + s + ">";
                        },
                        2);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 20; i++) {
                String input = "0x" + Integer.toHexString(i * 7919);
                assertEquals("<" + input + ">", memo.apply(input), input);
            }
        }
        assertEquals("<a>", memo.apply("a"));
        int before = calls.size();
        assertEquals("<a>", memo.apply(new String("a")));
        assertEquals(
                before, calls.size(), "an equal input repeated at once is answered from the memo");
    }

    @Test
    void rejectsASizeThatIsNotAPowerOfTwo() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new StringMemo<>(s -> s, 12));
        assertEquals("The memo size must be a power of two, got 12.", e.getMessage());
    }
}
