package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time line feed count used before a range of a large file. */
class LineFeedCountTest {
    @Test
    void countsExactlyTheLineFeedsAmongNearMisses() {
        // bytes that differ from 0x0A in one bit, and bytes whose low seven bits are 0x0A
        byte[] alphabet = {'\n', 0x0B, 0x08, 0x0E, 0x02, 0x1A, 0x4A, (byte) 0x8A, (byte) 0xFF, 0};
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] buf = new byte[random.nextInt(70)];
            for (int i = 0; i < buf.length; i++) {
                buf[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int n = buf.length == 0 ? 0 : random.nextInt(buf.length + 1);
            assertThat(FileRanges.countLineFeeds(buf, n))
                    .as("round %d", round)
                    .isEqualTo(naive(buf, n));
        }
    }

    @Test
    void countsAllLineFeedsAndNoneOfOtherBytes() {
        byte[] feeds = new byte[1000];
        java.util.Arrays.fill(feeds, (byte) '\n');
        assertThat(FileRanges.countLineFeeds(feeds, 1000)).isEqualTo(1000);
        assertThat(FileRanges.countLineFeeds(feeds, 13)).isEqualTo(13);
        byte[] none = new byte[256];
        for (int i = 0; i < none.length; i++) {
            none[i] = i == '\n' ? 0 : (byte) i;
        }
        assertThat(FileRanges.countLineFeeds(none, none.length)).isZero();
    }

    private static long naive(byte[] buf, int n) {
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
