package dev.runtrail.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void cpuTicksAreUtimePlusStime() {
        // Fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt
        // cmajflt utime stime ...; utime = 1234, stime = 56.
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 100 0 2 0 1234 56 7 8 20 0 30 0";
        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1290);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "77 (my (odd) name) R 1 77 77 0 -1 0 0 0 0 0 300 200 0 0 20 0 1 0";
        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(500);
    }

    @Test
    void aTruncatedLineIsRejectedWithTheFieldCount() {
        assertThatThrownBy(() -> ProcStat.cpuTicks("1 (x) S 1 2 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 15 fields");
        assertThatThrownBy(() -> ProcStat.cpuTicks("garbage")).hasMessageContaining("'(comm)'");
    }

    @Test
    void peakRssComesFromVmHwm() {
        String status =
                "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t 400000 kB\n";
        assertThat(ProcStat.peakRssKb(status)).isEqualTo(524288);
        assertThat(ProcStat.peakRssKb("Name:\tkthreadd\n")).isEqualTo(-1);
    }

    @Test
    void cpuSecondsUseUserHz() {
        ProcStat before = new ProcStat(1000, 1);
        ProcStat after = new ProcStat(1250, 1);
        assertThat(after.cpuSecondsSince(before)).isEqualTo(2.5);
    }

    @Test
    void readsThisProcess() throws IOException {
        ProcStat self = ProcStat.read(ProcessHandle.current().pid());
        assertThat(self.cpuTicks()).isPositive();
        assertThat(self.peakRssKb()).isPositive();
    }
}
