package dev.runtrail.sampledata.windows;

import dev.runtrail.sampledata.world.Account;
import dev.runtrail.sampledata.world.WindowsHost;
import java.time.Duration;
import java.time.Instant;

/**
 * A logon session as written: host, logon id, the 4624 time on the host clock, and the clock offset
 * used for every later event of the session (so its events keep their order), and the time of its
 * 4672 (null when it had none).
 */
public record Logon(
        WindowsHost host,
        String logonId,
        Instant time,
        Account account,
        int logonType,
        Duration offset,
        Instant privilegesTime) {

    /** The host-clock time of a later moment of this session. */
    public Instant hostTime(Instant trueTime) {
        Instant t = trueTime.plus(offset);
        return t.isBefore(time) ? time : t;
    }
}
